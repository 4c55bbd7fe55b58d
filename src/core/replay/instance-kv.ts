/**
 * `InstanceKv`: the instance's key-value state as the orchestration sees it — the values
 * merged at the end of earlier executions plus this execution's writes, within the size
 * limits. The writes are recorded in history as `KeyValueSet`/`KeyValueCleared`/
 * `KeyValuesCleared` by the engine.
 * @module
 */
import { InvalidInputError } from '../errors/duroxide-error.js';
import { utf8Bytes, type Limits } from '../limits.js';
import type { ExecutionScope } from './execution-scope.js';

/** One KV entry as the orchestration sees it. */
export interface KvEntry {
  readonly value: string;
  readonly lastUpdatedAt: number;
}

/**
 * Size of a value (JSON text) against the KV limit, as duroxide-node measures it: its values are
 * plain strings, so a string counts its own UTF-8 bytes (no JSON quotes or escapes); any other
 * value counts its JSON text.
 */
export function kvValueSize(json: string): number {
  if (json.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(json);
      if (typeof value === 'string') return utf8Bytes(value);
    } catch {
      // Not JSON after all: count the text.
    }
  }
  return utf8Bytes(json);
}

export class InstanceKv {
  readonly #entries: Map<string, KvEntry>;
  readonly #limits: Limits;
  readonly #scope: ExecutionScope;

  constructor(
    snapshot: ReadonlyMap<string, KvEntry> | undefined,
    limits: Limits,
    scope: ExecutionScope,
  ) {
    this.#entries = new Map(snapshot);
    this.#limits = limits;
    this.#scope = scope;
  }

  get entries(): ReadonlyMap<string, KvEntry> {
    return this.#entries;
  }

  /** Throws `InvalidInputError` if setting `key` to `value` would exceed a limit. */
  checkSet(key: string, value: string): void {
    const bytes = kvValueSize(value);
    if (bytes > this.#limits.maxKvValueBytes) {
      throw new InvalidInputError(
        `value of key '${key}' is ${bytes} bytes; the limit is ${this.#limits.maxKvValueBytes}`,
        this.#scope.context(),
      );
    }
    if (!this.#entries.has(key) && this.#entries.size >= this.#limits.maxKvKeys) {
      throw new InvalidInputError(
        `instance '${this.#scope.instanceId}' already has ${this.#entries.size} keys, the limit; clear some before setting '${key}'`,
        this.#scope.context(),
      );
    }
  }

  set(key: string, value: string, lastUpdatedAt: number): void {
    this.#entries.set(key, { value, lastUpdatedAt });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
