import { locateJsonError } from './json-error-position';

function jsonParses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// Deterministic so a failure can be replayed.
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('locateJsonError', () => {
  it('finds no error in valid JSON', () => {
    for (const text of [
      '{}',
      '[]',
      ' 0 ',
      '-1.5E+3',
      '"\\ud83d\\ude00"',
      '{"a":{"b":[[], {}, "c"]}}',
      'true',
      'null',
    ]) {
      expect(locateJsonError(text)).toBeNull();
    }
  });

  it('agrees with JSON.parse on thousands of mutated documents', () => {
    const base =
      '{"name": "houston", "list": [1, -2.5e3, true, false, null], "nested": {"k": "v\\n\\u0041"}}';
    const alphabet = ['{', '}', '[', ']', ',', ':', '"', '\\', '1', '-', '.', 'e', 'x', ' ', '\n', 't', 'n'];
    const random = prng(42);
    const disagreements: string[] = [];
    for (let round = 0; round < 3000; round++) {
      const chars = [...base];
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * chars.length);
        const op = random();
        const c = alphabet[Math.floor(random() * alphabet.length)]!;
        if (op < 0.33) chars.splice(at, 1);
        else if (op < 0.66) chars.splice(at, 0, c);
        else chars[at] = c;
      }
      const text = chars.join('');
      const located = locateJsonError(text);
      const outOfRange = located !== null && located.index > text.length;
      if ((located === null) !== jsonParses(text) || outOfRange) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
  });
});
