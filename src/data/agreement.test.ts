import { describe, expect, it } from 'vitest';
import { analyzeSentence } from './agreement';

const analyze = (text: string) => analyzeSentence(text.split(' '));

describe('analyzeSentence', () => {
  it('accepts agreement across an object relative clause and reports the structure', () => {
    const result = analyze('the dogs that the cat sees run .');
    expect(result.errors).toEqual([]);
    expect(result.clauses).toEqual([
      {
        head: 1,
        headNumber: 'pl',
        modifier: 'object-relative',
        attractor: 4,
        verb: 6,
        verbNumber: 'pl',
      },
    ]);
  });

  it('rejects a main verb that agrees with the attractor instead of the head', () => {
    const result = analyze('the dogs that the cat sees runs .');
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(['verb "runs" (sg) does not agree with "dogs" (pl)']);
  });

  it('checks the inner verb of each kind of relative clause against its own subject', () => {
    expect(analyze('the dogs that the cat see run .').errors).toEqual([
      'verb "see" (pl) does not agree with "cat" (sg)',
    ]);
    expect(analyze('the dogs that chases the cat run .').errors).toEqual([
      'verb "chases" (sg) does not agree with "dogs" (pl)',
    ]);
    expect(analyze('the dogs that chase the cat run .').ok).toBe(true);
  });

  it('checks agreement across a prepositional phrase', () => {
    const good = analyze('the dog near the trees sleeps .');
    expect(good.ok).toBe(true);
    expect(good.clauses[0]).toMatchObject({ modifier: 'prepositional', head: 1, attractor: 4 });
    expect(analyze('the dog near the trees sleep .').ok).toBe(false);
  });

  it('checks determiner–noun number', () => {
    expect(analyze('a dogs run .').errors).toEqual(['determiner "a" does not fit "dogs"']);
    expect(analyze('these child runs .').errors).toEqual([
      'determiner "these" does not fit "child"',
    ]);
    expect(analyze('the child runs .').ok).toBe(true);
  });

  it('checks that a pronoun after "and" refers to the first subject', () => {
    expect(analyze('a little girl finds the ball and she smiles .').ok).toBe(true);
    expect(analyze('the boys run and they sleep .').ok).toBe(true);
    expect(analyze('the girl sleeps and he runs .').errors).toEqual([
      'pronoun "he" does not refer to "girl" (expected "she")',
    ]);
    // No pronoun may refer to a singular "child": we never use singular "they".
    expect(analyze('the child sleeps and it runs .').ok).toBe(false);
  });

  it('checks pronoun and name subjects', () => {
    expect(analyze('they run .').ok).toBe(true);
    expect(analyze('he run .').ok).toBe(false);
    expect(analyze('mary often sees the dogs .').ok).toBe(true);
    expect(analyze('mary see the dogs .').ok).toBe(false);
  });

  it('checks what can be a subject and what a verb can take as object', () => {
    expect(analyze('the tree sleeps .').errors).toEqual(['"tree" cannot be a subject']);
    expect(analyze('the dog feeds the bridge .').errors).toEqual([
      '"feeds" cannot take "bridge" as object',
    ]);
    expect(analyze('the dog sees the bridge .').ok).toBe(true);
  });

  it('reports parse errors instead of throwing', () => {
    expect(analyze('the dog runs').errors).toEqual(['expected a period at word 3, found the end']);
    expect(analyze('dog runs .').errors).toEqual(['expected a determiner at word 0, found "dog"']);
    expect(analyze('the dog runs . the').ok).toBe(false);
    expect(analyze('the dogs that the cat sleeps run .').errors[0]).toMatch(/transitive verb/);
    expect(analyzeSentence([]).ok).toBe(false);
  });
});
