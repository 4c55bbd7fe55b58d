/**
 * `createManagementServer`: the management HTTP API over a `Client`, as a fetch-style handler
 * and a Node `http` request listener an app can mount, plus `listen` for a standalone server
 * (docs/management-api.md, docs/decisions/0007-management-server.md).
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { MiddlewareHandler } from 'hono';
import type { Client } from '../client/client.js';
import type { Runtime } from '../runtime/runtime.js';
import { DuroxideError, ERROR_CODES, InvalidInputError } from '../core/errors/duroxide-error.js';
import { DUROXIDE_VERSION } from '../core/version.js';
import { parseApiKeyRecords, type ApiKeyRecord } from './auth/api-keys.js';
import { KeyRing } from './auth/key-ring.js';
import { BulkJobRunner, type BulkJobRunnerOptions } from './bulk/bulk-job-runner.js';
import { registerDashboardRoutes, type DashboardOption } from './dashboard-assets.js';
import { problem, problemFor, problemResponse } from './problem.js';
import { registerBulkRoutes } from './routes/bulk.js';
import { registerBulkJobRoutes } from './routes/bulk-jobs.js';
import { registerKeyRoutes } from './routes/keys.js';
import { registerFleetRoutes } from './routes/fleet.js';
import { registerInstanceActionRoutes } from './routes/instance-actions.js';
import { registerInstanceHistoryRoutes } from './routes/instance-history.js';
import { registerInstanceReadRoutes } from './routes/instances.js';
import { registerPoisonedRoutes } from './routes/poisoned.js';
import { registerStreamRoutes } from './routes/stream.js';
import { METRICS_PATH, registerPrometheusRoute } from './routes/prometheus.js';
import { registerSystemRoutes } from './routes/system.js';
import { registerUpgradeInstanceRoutes } from './routes/upgrade-instances.js';
import { API_PREFIX, type ManagementApp, type RouteDeps, type ServerEnv } from './server-env.js';

/** Largest request body accepted, by default (1 MiB). */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Paths answered without a key (probes and the API description). */
const PUBLIC_PATHS = new Set([
  `${API_PREFIX}/healthz`,
  `${API_PREFIX}/readyz`,
  `${API_PREFIX}/openapi.json`,
]);

export interface ManagementServerOptions {
  readonly client: Client;
  /** A runtime of this process whose metrics `GET /metrics` serves (Prometheus text format). */
  readonly runtime?: Runtime;
  /**
   * API key records (`createApiKey`, `duroxide keys create`). Without any, every caller is
   * admin `local`, `listen` refuses non-loopback hosts and the Node listener answers only
   * loopback peers.
   */
  readonly auth?: {
    readonly keys?: readonly ApiKeyRecord[];
    /**
     * Also accept the keys kept in the store (`duroxide keys create`, `POST /api/v1/keys`),
     * re-read at most every `storedKeysCacheMs` (default 2,000 ms). Default true.
     */
    readonly useStoredKeys?: boolean;
    readonly storedKeysCacheMs?: number;
  };
  /**
   * Durable bulk jobs: `listen` starts the runner (and `close` stops it) unless `isEnabled` is
   * false; a mounted server starts it with `server.bulkJobs.start()`.
   */
  readonly bulkJobs?: BulkJobRunnerOptions & { readonly isEnabled?: boolean };
  /** Refuse every mutation (403 PERMISSION_DENIED). Default false. */
  readonly isReadOnly?: boolean;
  /** Largest request body in bytes (413 beyond). Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Receives errors that are not DuroxideErrors (answered 500 INTERNAL_ERROR). Default: console.error. */
  readonly onInternalError?: (error: unknown) => void;
  /**
   * The web dashboard at `/` (docs/dashboard.md): `false` serves the API only; `{ assetsDir }`
   * serves another build. Default: the dashboard built into this package (`dist/dashboard`).
   */
  readonly dashboard?: DashboardOption;
}

export interface ManagementListenOptions {
  /** Default 0 (any free port). */
  readonly port?: number;
  /** Default `127.0.0.1`. A non-loopback host needs API keys. */
  readonly host?: string;
  /** Longest time to receive a whole request. Default 30,000 ms. */
  readonly requestTimeoutMs?: number;
}

export interface ListeningManagementServer {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

export interface ManagementServer {
  /** The hono app, e.g. to mount under another hono app with `app.route('/', server.app)`. */
  readonly app: ManagementApp;
  /** Fetch-style handler (`Request` → `Response`). */
  fetch(request: Request): Promise<Response>;
  /** Node `http` request listener: `http.createServer(server.nodeHandler)`. */
  readonly nodeHandler: (request: IncomingMessage, response: ServerResponse) => void;
  /** The OpenAPI 3.1 document (also served at `/api/v1/openapi.json`). */
  openApiDocument(): Record<string, unknown>;
  /** The runner of durable bulk jobs (started by `listen`, stopped by its `close`). */
  readonly bulkJobs: {
    start(): void;
    stop(): Promise<void>;
    readonly isRunning: boolean;
    /**
     * Runs one job in this process until it ends (or another server holds it); the CLI uses it
     * to run its own job on a store it opened.
     */
    runJob(jobId: string): { readonly done: Promise<void>; stop(): Promise<void> };
  };
  /** Starts a standalone HTTP server. @throws InvalidInputError for a non-loopback host without keys. */
  listen(options?: ManagementListenOptions): Promise<ListeningManagementServer>;
}

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms, and `localhost`. */
function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || a === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

function bearer(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m === null ? undefined : m[1];
}

/**
 * Builds the management API over `options.client`.
 * @throws InvalidInputError for malformed key records or options.
 * @example
 * const server = createManagementServer({ client: new Client(provider) });
 * const { url } = await server.listen({ port: 8080 });
 */
export function createManagementServer(options: ManagementServerOptions): ManagementServer {
  const { client } = options;
  if (
    client === null ||
    typeof client !== 'object' ||
    typeof client.queryInstances !== 'function'
  ) {
    throw new InvalidInputError('createManagementServer needs { client: new Client(provider) }');
  }
  const configuredKeys = parseApiKeyRecords(options.auth?.keys ?? []);
  const hasOperatorStore = ((): boolean => {
    try {
      client.operatorStore();
      return true;
    } catch {
      return false;
    }
  })();
  const keyRing = new KeyRing(
    configuredKeys,
    options.auth?.useStoredKeys !== false && hasOperatorStore
      ? () => client.operatorStore()
      : undefined,
    options.auth?.storedKeysCacheMs,
  );
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1)
    throw new InvalidInputError(
      `maxBodyBytes must be a positive integer, got ${String(maxBodyBytes)}`,
    );
  const onInternalError =
    options.onInternalError ??
    ((error: unknown) => console.error('duroxide management server: internal error', error));
  const runner = new BulkJobRunner(client, options.bulkJobs ?? {}, onInternalError);
  const deps: RouteDeps = {
    client,
    isReadOnly: options.isReadOnly === true,
    authMode: async () => ((await keyRing.requiresKeys()) ? 'apiKeys' : 'loopback'),
    keyRing,
    onBulkJobCreated: () => runner.wake(),
  };

  const app: ManagementApp = new OpenAPIHono<ServerEnv>({
    defaultHook: (result) => {
      if (result.success) return undefined;
      const errors = result.error.issues.map((i) => ({
        path: [result.target, ...i.path.map(String)].join('.'),
        message: i.message,
      }));
      const detail = `invalid request ${result.target}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`;
      return problemResponse(problem(400, ERROR_CODES.INVALID_INPUT, detail, { errors }));
    },
  });

  app.onError((error) => {
    if (error instanceof HTTPException) {
      const status = error.status >= 400 && error.status < 500 ? error.status : 500;
      const code = status === 500 ? ERROR_CODES.INTERNAL_ERROR : ERROR_CODES.INVALID_INPUT;
      if (status === 500) onInternalError(error);
      const detail =
        status === 500
          ? 'the management server failed unexpectedly'
          : status === 415
            ? 'the request body must be JSON sent with Content-Type: application/json'
            : error.message || 'invalid request';
      return problemResponse(problem(status, code, detail));
    }
    const { body, isInternal } = problemFor(error);
    if (isInternal) onInternalError(error);
    return problemResponse(body);
  });
  app.notFound((c) =>
    problemResponse(
      problem(
        404,
        ERROR_CODES.ROUTE_NOT_FOUND,
        `no route ${c.req.method} ${new URL(c.req.url).pathname}; see ${API_PREFIX}/openapi.json`,
      ),
    ),
  );

  app.use('*', async (c, next) => {
    const peer = c.env?.incoming?.socket.remoteAddress;
    if (c.env?.incoming !== undefined && !isLoopback(peer) && !(await keyRing.requiresKeys())) {
      throw new DuroxideError(
        ERROR_CODES.PERMISSION_DENIED,
        `this server has no API keys and answers loopback callers only, not ${peer ?? 'an unknown address'}`,
      );
    }
    c.header('cache-control', 'no-store');
    await next();
  });
  app.use(
    `${API_PREFIX}/*`,
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () =>
        problemResponse(
          problem(
            413,
            ERROR_CODES.INVALID_INPUT,
            `the request body is larger than ${maxBodyBytes} bytes`,
          ),
        ),
    }),
  );
  const authenticate: MiddlewareHandler<ServerEnv> = async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    if (!(await keyRing.requiresKeys())) {
      c.set('principal', { actor: 'local', role: 'admin' });
      return next();
    }
    const key = bearer(c.req.header('authorization'));
    if (key === undefined)
      throw new DuroxideError(
        ERROR_CODES.UNAUTHENTICATED,
        'this request needs an API key: send Authorization: Bearer <key>',
      );
    const record = await keyRing.verify(key, Date.now());
    c.set('principal', { actor: record.name, role: record.role });
    return next();
  };
  app.use(`${API_PREFIX}/*`, authenticate);
  // Any key may scrape: viewer is the lowest role.
  app.use(METRICS_PATH, authenticate);

  registerSystemRoutes(app, deps);
  registerInstanceReadRoutes(app, deps);
  registerInstanceHistoryRoutes(app, deps);
  registerInstanceActionRoutes(app, deps);
  registerBulkRoutes(app, deps);
  registerBulkJobRoutes(app, deps);
  registerKeyRoutes(app, deps);
  registerFleetRoutes(app, deps);
  registerUpgradeInstanceRoutes(app, deps);
  registerStreamRoutes(app, deps);
  registerPrometheusRoute(app, client, options.runtime);
  registerPoisonedRoutes(app, deps);

  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'duroxide management API',
      version: DUROXIDE_VERSION,
      description:
        'Instances, versions, upgrades, nodes and the audit log of a duroxide-ts store. Errors are application/problem+json with a stable `code`.',
    },
  };
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'dxk_… API key',
  });
  const openApiDocument = (): Record<string, unknown> => ({
    ...app.getOpenAPI31Document(documentConfig),
    security: [{ apiKey: [] }],
  });
  app.get(`${API_PREFIX}/openapi.json`, (c) => c.json(openApiDocument()));
  registerDashboardRoutes(app, options.dashboard ?? {});

  const fetch = async (request: Request): Promise<Response> => app.fetch(request);
  const listener = getRequestListener((request, env) => app.fetch(request, env));
  const nodeHandler = (request: IncomingMessage, response: ServerResponse): void => {
    void listener(request, response);
  };

  return {
    app,
    fetch,
    nodeHandler,
    openApiDocument,
    bulkJobs: {
      start: () => {
        // A provider without the management capability has no jobs to run.
        if (hasOperatorStore) runner.start();
      },
      stop: () => runner.stop(),
      get isRunning() {
        return runner.isRunning;
      },
      runJob(jobId) {
        const one = new BulkJobRunner(client, options.bulkJobs ?? {}, onInternalError, jobId);
        one.start();
        return { done: one.finished, stop: () => one.stop() };
      },
    },
    async listen(listenOptions: ManagementListenOptions = {}): Promise<ListeningManagementServer> {
      const host = listenOptions.host ?? '127.0.0.1';
      if (!isLoopback(host) && !(await keyRing.requiresKeys())) {
        throw new InvalidInputError(
          `refusing to listen on ${host} without API keys: a server without keys gives every caller admin rights, so it binds to loopback only. Configure keys (duroxide keys create; DUROXIDE_API_KEYS) or listen on 127.0.0.1`,
        );
      }
      const server: Server = createServer(nodeHandler);
      server.requestTimeout = listenOptions.requestTimeoutMs ?? 30_000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(listenOptions.port ?? 0, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      const runsJobs =
        options.bulkJobs?.isEnabled !== false && hasOperatorStore && !runner.isRunning;
      if (runsJobs) runner.start();
      const urlHost = host.includes(':') ? `[${host}]` : host;
      return {
        url: `http://${urlHost}:${port}`,
        port,
        host,
        close: async () => {
          if (runsJobs) await runner.stop();
          await new Promise<void>((resolve, reject) => {
            server.close((error) => (error === undefined ? resolve() : reject(error)));
            server.closeAllConnections();
          });
        },
      };
    },
  };
}
