import { defineConfig } from 'tsup';

// Builds the published package: dist/index.js (ESM) + dist/index.d.ts and dist/index.cjs (CJS)
// + dist/index.d.cts, and the same for dist/testing.* (the `duroxide-ts/testing` subpath: the
// provider conformance suite), matching the "exports" map in package.json.
// The extensions are pinned here so they do not depend on package.json "type".
// `npm run build` empties dist/ first, so neither config cleans (they build in parallel).
export default defineConfig([
  {
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
    // Members marked @internal (the engine's hooks on DurableTask, constructors only the
    // runtime calls) are left out of the published declarations.
    dts: { compilerOptions: { stripInternal: true } },
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    // Keep 'node:' specifiers: 'node:test' has no bare alias, so stripping the prefix would break it.
    removeNodeProtocol: false,
    outDir: 'dist',
    splitting: false,
    // The dashboard's assets are found beside the bundle (src/server/dashboard-assets.ts).
    shims: true,
    external: ['better-sqlite3', 'pg', '@opentelemetry/api', 'node:test'],
  },
  // The `duroxide` binary (package.json "bin"): ESM only, with a shebang.
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    banner: { js: '#!/usr/bin/env node' },
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    removeNodeProtocol: false,
    outDir: 'dist',
    splitting: false,
    shims: true,
    external: ['better-sqlite3', 'pg', '@opentelemetry/api'],
  },
]);
