/**
 * Microsoft Entra ID (Azure AD) authentication for Azure Database for PostgreSQL: an access
 * token is the password. Tokens expire (about an hour), so the pool asks for the password each
 * time it opens a connection, and a token close to expiry is replaced first. The token credential
 * is `@azure/identity`'s `DefaultAzureCredential` unless one is given; that package is an
 * optional peer, loaded only here and only when no credential is given.
 * @module
 */
import type { ClientConfig } from 'pg';
import { InvalidInputError, ProviderError } from '../../core/errors/duroxide-error.js';
import {
  resolveOptions,
  type PostgresProviderOptions,
  type ResolvedPostgresOptions,
} from './connection-config.js';

/** An access token as `@azure/identity` returns it. */
export interface EntraAccessToken {
  readonly token: string;
  /** When the token expires, epoch ms. */
  readonly expiresOnTimestamp: number;
}

/**
 * Anything that hands out Entra access tokens: an `@azure/identity` credential
 * (`DefaultAzureCredential`, `ManagedIdentityCredential`, `WorkloadIdentityCredential`, …) or
 * your own object with the same `getToken`.
 */
export interface EntraTokenCredential {
  getToken(scopes: string | string[]): Promise<EntraAccessToken | null>;
}

/**
 * Options of {@link PostgresProvider.connectWithEntra}: duroxide-node's `PostgresEntraOptions`
 * plus a few of this package's own. All optional.
 */
export interface PostgresEntraOptions {
  /** Token scope; default `https://ossrdbms-aad.database.windows.net/.default` (Azure public cloud). Set it for sovereign clouds. */
  readonly audience?: string;
  /** Most connections the pool opens at once (default 10). */
  readonly maxConnections?: number;
  /** How long an operation waits for a free pooled connection (default 30,000 ms). */
  readonly acquireTimeoutMs?: number;
  /** A token this close to its expiry is replaced before a new connection uses it (default 300,000 ms). */
  readonly refreshIntervalMs?: number;
  /**
   * Where tokens come from. Default: `new DefaultAzureCredential()` of `@azure/identity`
   * (install it: `npm install @azure/identity`), which tries workload identity, managed identity
   * and developer tools (Azure CLI, …) in turn.
   */
  readonly credential?: EntraTokenCredential;
  /**
   * TLS for the connections: `true` (default) verifies the server certificate against the
   * system's CAs, as Azure Database for PostgreSQL requires; `false` connects in plain text
   * (local tests only).
   */
  readonly ssl?: boolean;
  /** As {@link PostgresProviderOptions.preparedStatements}. */
  readonly preparedStatements?: boolean;
  /** As {@link PostgresProviderOptions.now}; also the clock token expiry is judged by. */
  readonly now?: () => number;
}

/** Where an Entra connection goes. */
export interface EntraTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

const DEFAULT_ENTRA_AUDIENCE = 'https://ossrdbms-aad.database.windows.net/.default';
const DEFAULT_ACQUIRE_TIMEOUT_MS = 30_000;
const DEFAULT_REFRESH_INTERVAL_MS = 300_000;
const OPTION_KEYS: ReadonlySet<string> = new Set([
  'audience',
  'maxConnections',
  'acquireTimeoutMs',
  'refreshIntervalMs',
  'credential',
  'ssl',
  'preparedStatements',
  'now',
]);

/** The package that provides the default credential (a variable, so bundlers leave it alone). */
const AZURE_IDENTITY = '@azure/identity';

/** @throws InvalidInputError naming the argument or option and the rule it breaks. */
function validateEntra(
  target: EntraTarget,
  options: PostgresEntraOptions | undefined,
): PostgresEntraOptions {
  const reject = (why: string): never => {
    throw new InvalidInputError(`PostgreSQL Entra connection: ${why}`);
  };
  for (const key of ['host', 'database', 'user'] as const) {
    const value: unknown = target[key];
    if (typeof value !== 'string' || value.trim() === '')
      reject(`${key} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65_535)
    reject(`port must be an integer from 1 to 65535, got ${JSON.stringify(target.port)}`);
  const opts = options ?? {};
  if (typeof opts !== 'object' || opts === null) return reject('options must be an object');
  for (const key of Object.keys(opts)) {
    if (!OPTION_KEYS.has(key))
      reject(`unknown option '${key}' (known: ${[...OPTION_KEYS].join(', ')})`);
  }
  if (opts.audience !== undefined && (typeof opts.audience !== 'string' || opts.audience === ''))
    reject('audience must be a non-empty string');
  const refresh = opts.refreshIntervalMs;
  if (refresh !== undefined && (!Number.isInteger(refresh) || refresh < 0))
    reject(`refreshIntervalMs must be an integer >= 0, got ${JSON.stringify(refresh)}`);
  if (opts.ssl !== undefined && typeof opts.ssl !== 'boolean')
    reject(`ssl must be a boolean, got ${JSON.stringify(opts.ssl)}`);
  const credential = opts.credential as { getToken?: unknown } | undefined;
  if (credential !== undefined && typeof credential?.getToken !== 'function')
    reject('credential must be an object with a getToken(scopes) method');
  return opts;
}

/** The generic provider options an Entra connection runs with. */
function entraProviderOptions(opts: PostgresEntraOptions): PostgresProviderOptions {
  return {
    ...(opts.maxConnections !== undefined ? { poolSize: opts.maxConnections } : {}),
    connectionTimeoutMs: opts.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS,
    ...(opts.preparedStatements !== undefined
      ? { preparedStatements: opts.preparedStatements }
      : {}),
    ...(opts.now !== undefined ? { now: opts.now } : {}),
  };
}

/** Driver settings of an Entra connection: no url, the token as the password, TLS on. */
async function entraConnection(
  target: EntraTarget,
  opts: PostgresEntraOptions,
): Promise<ClientConfig> {
  const tokens = new EntraTokens(
    opts.credential ?? (await defaultCredential()),
    opts.audience ?? DEFAULT_ENTRA_AUDIENCE,
    opts.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS,
    opts.now ?? Date.now,
  );
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: () => tokens.password(),
    ssl: opts.ssl ?? true,
  };
}

/**
 * The current token, replaced when it is within `refreshBeforeMs` of expiring. Concurrent
 * connections opening together share one `getToken` call.
 */
class EntraTokens {
  #current: EntraAccessToken | undefined;
  #pending: Promise<EntraAccessToken> | undefined;

  constructor(
    private readonly credential: EntraTokenCredential,
    private readonly scope: string,
    private readonly refreshBeforeMs: number,
    private readonly now: () => number,
  ) {}

  async password(): Promise<string> {
    const current = this.#current;
    if (current !== undefined && this.now() < current.expiresOnTimestamp - this.refreshBeforeMs)
      return current.token;
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    return (await this.#pending).token;
  }

  async #fetch(): Promise<EntraAccessToken> {
    let token: EntraAccessToken | null;
    try {
      token = await this.credential.getToken(this.scope);
    } catch (error) {
      throw new ProviderError(
        'connect',
        `could not get a Microsoft Entra token for scope ${this.scope}: ${error instanceof Error ? error.message : String(error)}; check the identity the credential uses and its access to the database`,
        true,
        error,
      );
    }
    if (token === null || typeof token?.token !== 'string' || token.token === '') {
      throw new ProviderError(
        'connect',
        `the Entra credential returned no token for scope ${this.scope}`,
        true,
      );
    }
    this.#current = token;
    return token;
  }
}

/** `new DefaultAzureCredential()` of the optional peer `@azure/identity`. */
async function defaultCredential(): Promise<EntraTokenCredential> {
  let mod: { DefaultAzureCredential?: new () => EntraTokenCredential; default?: unknown };
  try {
    mod = (await import(AZURE_IDENTITY)) as typeof mod;
  } catch (error) {
    throw new ProviderError(
      'connect',
      `Entra authentication needs the package '${AZURE_IDENTITY}', which is not installed: add it with \`npm install ${AZURE_IDENTITY}\`, or pass your own token source as options.credential`,
      false,
      error,
    );
  }
  const ctor =
    mod.DefaultAzureCredential ??
    (mod.default as { DefaultAzureCredential?: new () => EntraTokenCredential } | undefined)
      ?.DefaultAzureCredential;
  if (ctor === undefined) {
    throw new ProviderError(
      'connect',
      `'${AZURE_IDENTITY}' was found but exports no DefaultAzureCredential; install a current version, or pass options.credential`,
      false,
    );
  }
  return new ctor();
}

/**
 * Everything an Entra connect opens with: the options checked, the driver settings (a
 * credential that gives no token fails here) and the resolved provider options.
 */
export async function prepareEntraConnect(
  target: EntraTarget,
  options: PostgresEntraOptions | undefined,
): Promise<{ connection: ClientConfig; resolved: ResolvedPostgresOptions }> {
  const opts = validateEntra(target, options);
  const resolved = resolveOptions(entraProviderOptions(opts));
  return { connection: await entraConnection(target, opts), resolved };
}
