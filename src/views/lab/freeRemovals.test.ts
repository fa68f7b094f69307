import { describe, expect, it } from 'vitest';
import { REFERENCES } from '../references.fixture';
import { freeRemovalReason } from './freeRemovals';

const refs = REFERENCES;

describe('why a removal from the plain model is free', () => {
  it('blames a model that learned only word frequencies when its loss is at that level', () => {
    // The plain model shipped before issue 13.
    const r = freeRemovalReason(4.53, refs);
    expect(r.onlyFrequencies).toBe(true);
    expect(r.text).toContain('4.53 nats, against 4.54 for word frequencies alone');
    expect(r.text).toContain('no use of its input');
  });

  it('says the model uses its input when it beats word frequencies', () => {
    // The plain model retrained for issue 13 (Xavier's init, its own learning rate).
    const r = freeRemovalReason(3.37, refs);
    expect(r.onlyFrequencies).toBe(false);
    expect(r.text).toContain('not a model that ignores its input');
    expect(r.text).not.toContain('no use of its input');
  });

  it('quotes the loss and gives no reason before the references arrive', () => {
    expect(freeRemovalReason(3.37, null)).toEqual({
      onlyFrequencies: null,
      text: 'Its held-out loss with nothing removed is 3.37.',
    });
  });
});
