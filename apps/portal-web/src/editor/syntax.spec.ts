import { checkText, offsetOf } from './syntax';

describe('checkText: the save-time rules, in the editor', () => {
  it('finds the line of a properties entry without a key', () => {
    expect(checkText('properties', 'a = 1\n= 2\n')).toMatchObject({ line: 2 });
    expect(checkText('properties', 'a = 1\nb = 2\n# comment\n')).toBeUndefined();
  });

  it('points at the line and column of a JSON error', () => {
    const problem = checkText('json', '{\n  "a": 1,\n  "b": \n}');
    expect(problem).toMatchObject({ line: 4, column: 1 });
    expect(checkText('json', '{"a": [1, 2]}')).toBeUndefined();
  });

  it('points at the line of a YAML error (the mapping that a wrongly indented key breaks)', () => {
    expect(checkText('yaml', 'a: 1\nb: 2\n  c: 3\n')).toMatchObject({ line: 2 });
    expect(checkText('yml', 'a: 1\nb:\n  c: 2\n')).toBeUndefined();
  });

  it('points at the line of an XML error', () => {
    expect(checkText('xml', '<a>\n  <b></c>\n</a>')).toMatchObject({ line: 2 });
    expect(checkText('xml', '<a><b/></a>')).toBeUndefined();
  });

  it('accepts any text in txt and an empty document in every format', () => {
    expect(checkText('txt', '{{{ <<<')).toBeUndefined();
    for (const format of ['properties', 'json', 'yaml', 'yml', 'xml'] as const)
      expect(checkText(format, '')).toBeUndefined();
  });

  it('turns a line and column into an offset, clamped to the text', () => {
    expect(offsetOf('ab\ncd\nef', 2, 2)).toBe(4);
    expect(offsetOf('ab\ncd', 9, 1)).toBe(5);
    expect(offsetOf('ab\ncd', 1, 99)).toBe(2);
  });
});
