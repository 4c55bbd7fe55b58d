/**
 * Serves the built dashboard (Vite output, `dist/dashboard/`) beside the API: static files with
 * their content types and cache headers, and `index.html` for client-side routes (docs/dashboard.md,
 * docs/decisions/0008-dashboard-stack.md). Files are read once, when the server is created.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import { API_PREFIX, type ManagementApp, type ServerEnv } from './server-env.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Vite names hashed files `name-<hash>.ext` under `assets/`: cacheable forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Asset {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly cacheControl: string;
}

/**
 * Where the dashboard was built, seen from this module: beside the bundle (`dist/index.js`,
 * `dist/index.cjs`, `dist/cli.js` → `dist/dashboard`) or, from the tsc tree the tests run
 * (`.build/src/server/`), the package's `dist/dashboard`.
 */
function defaultAssetsDir(): string | undefined {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'dashboard'), join(here, '..', '..', '..', 'dist', 'dashboard')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

function readTree(root: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const file = join(dir, entry);
      if (statSync(file).isDirectory()) {
        walk(file);
        continue;
      }
      const path = `/${relative(root, file).split(sep).join('/')}`;
      assets.set(path, {
        body: readFileSync(file),
        contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        cacheControl: path.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
      });
    }
  };
  walk(root);
  return assets;
}

const NOT_BUILT_PAGE =
  '<!doctype html><meta charset="utf-8"><title>duroxide</title><p>The dashboard is not built. Run <code>npm run build</code>; the API is at <a href="/api/v1/openapi.json">/api/v1</a>.</p>';

/** `dashboard` option of `createManagementServer`. */
export type DashboardOption = false | { readonly assetsDir?: string };

/**
 * Adds GET routes for the dashboard to `app`, after the API routes: `/api/v1/*` is never
 * answered from here. Unknown paths without a file extension get `index.html` (client-side
 * routes); unknown files get 404.
 * @throws InvalidInputError when `assetsDir` is given and has no `index.html`.
 */
export function registerDashboardRoutes(app: ManagementApp, option: DashboardOption): void {
  if (option === false) return;
  const dir = option.assetsDir ?? defaultAssetsDir();
  if (option.assetsDir !== undefined && !existsSync(join(option.assetsDir, 'index.html'))) {
    throw new InvalidInputError(
      `dashboard.assetsDir ${option.assetsDir} has no index.html; build it with npm run build or pass dashboard: false`,
    );
  }
  const assets = dir === undefined ? new Map<string, Asset>() : readTree(dir);
  const index = assets.get('/index.html');
  const send = (c: Context<ServerEnv>, asset: Asset, status: 200 | 404 = 200): Response => {
    const headers = {
      'content-type': asset.contentType,
      'cache-control': asset.cacheControl,
      'x-content-type-options': 'nosniff',
    };
    return c.body(asset.body.slice(), status, headers);
  };
  // GET routes answer HEAD too (hono drops the body).
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) return next();
    const asset = assets.get(path);
    if (asset !== undefined) return send(c, asset);
    if (extname(path) !== '') return next();
    if (index === undefined) {
      return c.html(NOT_BUILT_PAGE, 503, { 'cache-control': 'no-store' });
    }
    return send(c, index);
  });
}
