import { describe, expect, it } from 'vitest';
import { errorText } from './errorText';

describe('errorText', () => {
  it('reads an Error’s message, and anything else thrown as text', () => {
    expect(errorText(new TypeError('no answer'))).toBe('no answer');
    expect(errorText('offline')).toBe('offline');
    expect(errorText(404)).toBe('404');
  });
});
