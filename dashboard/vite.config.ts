/**
 * Builds the dashboard (docs/dashboard.md) into dist/dashboard/: static files with hashed names
 * under assets/, served by createManagementServer (src/server/dashboard-assets.ts). Run from the
 * package root by `npm run build` (docs/decisions/0008-dashboard-stack.md).
 */
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: here,
  base: '/',
  plugins: [preact({ devtoolsInProd: false, prefreshEnabled: false })],
  logLevel: 'warn',
  clearScreen: false,
  build: {
    outDir: `${here}../dist/dashboard`,
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 300,
    reportCompressedSize: false,
  },
});
