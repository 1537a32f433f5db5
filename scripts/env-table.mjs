// Writes the environment-variable tables of the READMEs (between `<!-- generated:env-table … -->`
// markers) from the schemas the servers validate at start-up, so the READMEs cannot drift from
// the code. Usage: npm run docs:env            rewrite the tables
//                  node scripts/env-table.mjs --check   exit 1 when a table is stale (CI)
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { ENV_TABLE_FILES, renderEnvBlock } from '../dist/apps/all-in-one/src/docs/env-tables.js';
import {
  fillGeneratedBlocks,
  generatedBlockArguments,
} from '../dist/apps/all-in-one/src/docs/generated-blocks.js';

const check = process.argv.includes('--check');
let stale = 0;
for (const file of ENV_TABLE_FILES) {
  const text = readFileSync(file, 'utf8');
  if (generatedBlockArguments(text, 'env-table').length === 0) {
    console.error(`${file} has no <!-- generated:env-table … --> block`);
    stale++;
    continue;
  }
  const filled = fillGeneratedBlocks(text, 'env-table', renderEnvBlock);
  const formatted = await format(filled, { ...(await resolveConfig(file)), filepath: file });
  if (formatted === text) continue;
  if (check) {
    console.error(
      `${file}: the env tables differ from the servers' env schemas; run \`npm run docs:env\` and commit the result`,
    );
    stale++;
  } else {
    writeFileSync(file, formatted);
    console.log(`wrote ${file}`);
  }
}
if (stale > 0) process.exitCode = 1;
