/**
 * Every API key a management server accepts: the records it was configured with
 * (`auth.keys`, `DUROXIDE_API_KEYS`, `--keys-file`) plus the keys kept in the store
 * (`duroxide keys create`, `POST /api/v1/keys`). Stored keys are re-read at most every
 * `cacheMs` (default 2 s), so a key created or revoked by another process takes effect within
 * that time; a change made through this server takes effect at once.
 *
 * A server needs keys once it has configured keys or the store has ever held one (revoked keys
 * count): from then on it stays keyed, so revoking the last key never opens it to everyone.
 * @module
 */
import {
  API_KEY_ROLES,
  secretMatches,
  splitPresentedKey,
  unauthenticated,
  type ApiKeyRecord,
  type ApiKeyRole,
} from './api-keys.js';
import type { OperatorStore, StoredApiKeyRecord } from '../../client/operator-types.js';

/** Who a verified key belongs to. */
export interface KeyHolder {
  readonly name: string;
  readonly role: ApiKeyRole;
}

interface KnownKey {
  readonly name: string;
  readonly role: ApiKeyRole;
  readonly hash: string;
  readonly expiresAt: number | undefined;
  readonly revokedAt: number | undefined;
}

/** Least time between two re-reads forced by an unknown prefix. */
const UNKNOWN_PREFIX_REFRESH_MS = 250;
const MEMO_LIMIT = 1000;

export class KeyRing {
  readonly #configured: Map<string, KnownKey>;
  readonly #store: (() => OperatorStore) | undefined;
  readonly #cacheMs: number;
  #stored = new Map<string, KnownKey>();
  #readAt = Number.NEGATIVE_INFINITY;
  #reading: Promise<void> | undefined;
  #isKeyed: boolean;
  /** Presented keys already checked against a hash (scrypt is slow on purpose). */
  readonly #memo = new Map<string, string>();

  constructor(
    configured: readonly ApiKeyRecord[],
    store: (() => OperatorStore) | undefined,
    cacheMs = 2000,
  ) {
    this.#configured = new Map(
      configured.map((r) => [
        r.prefix,
        { name: r.name, role: r.role, hash: r.hash, expiresAt: r.expiresAt, revokedAt: undefined },
      ]),
    );
    this.#store = store;
    this.#cacheMs = cacheMs;
    this.#isKeyed = this.#configured.size > 0;
  }

  /** The configured keys (no hashes), by prefix. */
  configured(): {
    prefix: string;
    name: string;
    role: ApiKeyRole;
    expiresAt: number | undefined;
  }[] {
    return [...this.#configured].map(([prefix, k]) => ({
      prefix,
      name: k.name,
      role: k.role,
      expiresAt: k.expiresAt,
    }));
  }

  /** Forgets the stored keys read so far (after this server created or revoked one). */
  invalidate(): void {
    this.#readAt = Number.NEGATIVE_INFINITY;
  }

  /** True when callers must send a key (see the module doc: once true, always true). */
  async requiresKeys(): Promise<boolean> {
    if (this.#isKeyed || this.#store === undefined) return this.#isKeyed;
    await this.#refresh(this.#cacheMs);
    return this.#isKeyed;
  }

  /**
   * The holder of a presented key.
   * @throws DuroxideError (UNAUTHENTICATED) for a malformed, unknown, wrong, revoked or expired key.
   */
  async verify(presented: string, now: number): Promise<KeyHolder> {
    const { prefix, secret } = splitPresentedKey(presented);
    let key = this.#configured.get(prefix);
    if (key === undefined && this.#store !== undefined) {
      await this.#refresh(this.#cacheMs);
      key = this.#stored.get(prefix);
      if (key === undefined) {
        await this.#refresh(UNKNOWN_PREFIX_REFRESH_MS);
        key = this.#stored.get(prefix);
      }
    }
    if (key === undefined)
      throw unauthenticated('the API key is not known to this server (revoked or never created)');
    if (key.revokedAt !== undefined)
      throw unauthenticated(
        `the API key '${key.name}' was revoked at ${new Date(key.revokedAt).toISOString()}`,
      );
    if (key.expiresAt !== undefined && key.expiresAt <= now)
      throw unauthenticated(
        `the API key '${key.name}' expired at ${new Date(key.expiresAt).toISOString()}`,
      );
    if (this.#memo.get(presented) !== key.hash) {
      if (!(await secretMatches(key.hash, secret)))
        throw unauthenticated('the API key is not valid');
      if (this.#memo.size >= MEMO_LIMIT) this.#memo.clear();
      this.#memo.set(presented, key.hash);
    }
    return { name: key.name, role: key.role };
  }

  /** Re-reads the stored keys when the last read is older than `maxAgeMs` (one read at a time). */
  async #refresh(maxAgeMs: number): Promise<void> {
    if (this.#store === undefined || Date.now() - this.#readAt < maxAgeMs) return;
    this.#reading ??= (async () => {
      try {
        const rows = await (this.#store as () => OperatorStore)().listApiKeys();
        this.#stored = new Map(rows.flatMap((r) => usable(r)));
        if (rows.length > 0) this.#isKeyed = true;
        this.#readAt = Date.now();
      } finally {
        this.#reading = undefined;
      }
    })();
    await this.#reading;
  }
}

/** A stored row as a known key; rows with a role this build does not know are ignored. */
function usable(row: StoredApiKeyRecord): [string, KnownKey][] {
  if (!Object.hasOwn(API_KEY_ROLES, row.role)) return [];
  return [
    [
      row.prefix,
      {
        name: row.name,
        role: row.role as ApiKeyRole,
        hash: row.hash,
        expiresAt: row.expiresAt,
        revokedAt: row.revokedAt,
      },
    ],
  ];
}
