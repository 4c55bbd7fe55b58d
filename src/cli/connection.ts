/**
 * Where CLI commands send their requests: a management server (`--url` / `DUROXIDE_URL`, key
 * from `DUROXIDE_API_KEY`), or a store opened in-process (`--store`), served by an in-process
 * management server's fetch handler, so both paths give the same answers and errors.
 * @module
 */
import { Client } from '../client/client.js';
import { ERROR_CODES, isErrorCode } from '../core/errors/error-codes.js';
import { redactSecrets, redactUrl } from '../core/validation/redact-url.js';
import { createManagementServer } from '../server/create-management-server.js';
import { CliError, EXIT_CODES, exitCodeForStatus, usageError } from './cli-error.js';
import { openStore } from './open-store.js';

export interface TargetOptions {
  readonly url?: string;
  readonly store?: string;
  readonly schema?: string;
}

export interface ApiConnection {
  /** Sends a request; returns the parsed JSON body of a 2xx answer. @throws CliError otherwise. */
  request(method: string, path: string, body?: unknown): Promise<unknown>;
  /** A GET whose 2xx answer is returned as text (NDJSON). @throws CliError otherwise. */
  text(path: string): Promise<string>;
  /**
   * With `--store` only: runs the bulk job in this process (there may be no server to run it)
   * until it ends; undefined for a server connection, whose runner does that.
   */
  readonly runBulkJob?: (jobId: string) => { readonly done: Promise<void>; stop(): Promise<void> };
  close(): Promise<void>;
}

const LOCAL_ORIGIN = 'http://duroxide.local';

async function toResult(res: Response, what: string, raw = false): Promise<unknown> {
  const text = await res.text();
  if (raw && res.ok) return text;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  if (res.ok) return body;
  const problem = (typeof body === 'object' && body !== null ? body : {}) as {
    code?: unknown;
    detail?: unknown;
  };
  const code = isErrorCode(problem.code) ? problem.code : ERROR_CODES.INTERNAL_ERROR;
  const detail =
    typeof problem.detail === 'string' ? problem.detail : `${what} answered HTTP ${res.status}`;
  throw new CliError(code, `${code}: ${detail}`, exitCodeForStatus(res.status));
}

export async function connect(
  options: TargetOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ApiConnection> {
  const url = options.url ?? env['DUROXIDE_URL'];
  if (options.store !== undefined && options.url !== undefined)
    throw usageError('give either --url or --store, not both');
  if (options.store !== undefined) {
    let provider: Awaited<ReturnType<typeof openStore>>;
    try {
      provider = await openStore(options.store, options.schema);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(
        ERROR_CODES.PROVIDER_ERROR,
        `cannot open store ${redactUrl(options.store)}: ${redactSecrets((error as Error).message, options.store)}`,
        EXIT_CODES.UNAVAILABLE,
        error,
      );
    }
    // Whoever can open the store is trusted with it: no API keys, stored or not.
    const server = createManagementServer({
      client: new Client(provider),
      auth: { useStoredKeys: false },
      bulkJobs: { isEnabled: false },
      onInternalError: (e) => console.error(e),
    });
    return {
      text: async (path) =>
        (await toResult(
          await server.fetch(new Request(`${LOCAL_ORIGIN}${path}`)),
          'the store',
          true,
        )) as string,
      request: async (method, path, body) =>
        toResult(
          await server.fetch(
            new Request(`${LOCAL_ORIGIN}${path}`, {
              method,
              ...(body !== undefined
                ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
                : {}),
            }),
          ),
          'the store',
        ),
      runBulkJob: (jobId) => server.bulkJobs.runJob(jobId),
      close: () => provider.close(),
    };
  }
  if (url === undefined || url === '') {
    throw usageError(
      'say where to work: --url http://host:port (or DUROXIDE_URL) for a server, or --store sqlite:./app.db | postgres://… for a store',
    );
  }
  const base = url.replace(/\/+$/, '');
  const key = env['DUROXIDE_API_KEY'];
  const send = async (method: string, path: string, body: unknown): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (key !== undefined && key !== '') headers['authorization'] = `Bearer ${key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new CliError(
        ERROR_CODES.PROVIDER_ERROR,
        `cannot reach the management server at ${redactUrl(base)}: ${redactSecrets((error as Error).message, base)}`,
        EXIT_CODES.UNAVAILABLE,
        error,
      );
    }
  };
  return {
    request: async (method, path, body) =>
      toResult(await send(method, path, body), redactUrl(base)),
    text: async (path) =>
      (await toResult(await send('GET', path, undefined), redactUrl(base), true)) as string,
    close: async () => undefined,
  };
}
