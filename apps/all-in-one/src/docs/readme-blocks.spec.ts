import { runnableShellBlocks } from './readme-blocks';

describe('runnableShellBlocks', () => {
  it('gives the shell blocks in order with their line, leaving out no-run and other languages, marking those that need the real services', () => {
    const markdown = [
      '# Title', //              1
      '```sh no-run', //         2
      'npm start',
      '```',
      '```sh', //                5
      'curl a',
      '',
      'curl b',
      '```',
      '```ts', //                10
      'const x = 1;',
      '```',
      '```bash', //              13
      'echo ```not a fence end',
      '```',
      '````shell', //            16
      '```',
      'cat x',
      '````',
      '```sh real-services', //  20
      'npm run migrate',
      '```',
    ].join('\n');
    expect(runnableShellBlocks(markdown)).toEqual([
      { line: 5, code: 'curl a\n\ncurl b', realServices: false },
      { line: 13, code: 'echo ```not a fence end', realServices: false },
      { line: 16, code: '```\ncat x', realServices: false },
      { line: 20, code: 'npm run migrate', realServices: true },
    ]);
  });
});
