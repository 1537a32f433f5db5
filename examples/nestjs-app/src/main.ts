import { createApp } from './create-app';

const meta = process.env['HOUSTON_META'] ?? 'http://127.0.0.1:8080';
const app = await createApp({
  appId: process.env['APP_ID'] ?? 'nestjs-example',
  metaServerUrl: meta,
  cacheDir: process.env['HOUSTON_CACHE_DIR'] ?? '.houston-cache',
});
await app.listen(Number(process.env['PORT'] ?? 3000), '127.0.0.1');
