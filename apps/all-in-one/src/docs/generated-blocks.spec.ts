import { fillGeneratedBlocks, generatedBlockArguments } from './generated-blocks';

describe('fillGeneratedBlocks', () => {
  const text = [
    'intro',
    '<!-- generated:env-table all -->',
    'old table',
    '<!-- /generated:env-table -->',
    'middle',
    '<!-- generated:env-table portal -->',
    '<!-- /generated:env-table -->',
    'end',
  ].join('\n');

  it('replaces every block of the kind with what its argument renders, keeping the rest', () => {
    expect(fillGeneratedBlocks(text, 'env-table', (name) => `table ${name}`)).toBe(
      [
        'intro',
        '<!-- generated:env-table all -->',
        '',
        'table all',
        '',
        '<!-- /generated:env-table -->',
        'middle',
        '<!-- generated:env-table portal -->',
        '',
        'table portal',
        '',
        '<!-- /generated:env-table -->',
        'end',
      ].join('\n'),
    );
  });

  it('is stable: filling twice gives what filling once gave', () => {
    const once = fillGeneratedBlocks(text, 'env-table', (name) => `table ${name}\n`);
    expect(fillGeneratedBlocks(once, 'env-table', (name) => `table ${name}\n`)).toBe(once);
  });

  it('leaves blocks of other kinds alone and lists the arguments in order', () => {
    expect(fillGeneratedBlocks(text, 'other', () => 'x')).toBe(text);
    expect(generatedBlockArguments(text, 'env-table')).toEqual(['all', 'portal']);
  });
});
