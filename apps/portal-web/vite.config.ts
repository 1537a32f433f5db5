import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

// The console is served by the portal from dist/portal-web (see apps/portal/src/web/web-console.ts).
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: {
    // The editor checks text with the same rules the admin-service applies on save.
    alias: { '@houston/domain/browser': resolve(root, 'libs/domain/src/browser.ts') },
  },
  build: {
    outDir: resolve(root, 'dist/portal-web'),
    emptyOutDir: true,
    // Pages are loaded lazily (App.tsx); a chunk past this size means something big crept into one.
    chunkSizeWarningLimit: 1024,
    sourcemap: false,
  },
  logLevel: 'warn',
});
