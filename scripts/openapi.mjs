// Writes the OpenAPI document every server serves to docs/openapi/<server>.json, read from the
// servers themselves (started on port 0 over a scratch SQLite directory). CI fails when the
// committed files differ from what the servers serve (apps/all-in-one/src/openapi-documents.e2e-spec.ts).
// Usage: npm run docs:openapi
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  OPENAPI_DIRECTORY,
  readServedDocuments,
} from '../dist/apps/all-in-one/src/openapi/served-documents.js';

const documents = await readServedDocuments();
mkdirSync(OPENAPI_DIRECTORY, { recursive: true });
for (const [name, document] of Object.entries(documents)) {
  const file = join(OPENAPI_DIRECTORY, `${name}.json`);
  const options = { ...(await resolveConfig(file)), filepath: file };
  writeFileSync(file, await format(JSON.stringify(document), options));
  console.log(`wrote ${file}`);
}
