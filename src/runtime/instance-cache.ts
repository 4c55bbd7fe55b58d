/**
 * The live-instance cache: suspended replay engines kept in memory (bounded LRU) so the next
 * turn of an instance delivers only its new messages instead of replaying the whole history.
 * An entry is valid only while storage still holds exactly the history the engine
 * has consumed; the provider checks that (`cachedHistory` hint) before skipping the history load.
 * @module
 */
import type { ReplayEngine } from '../core/replay/replay-engine.js';
import type { CachedHistoryHint } from '../providers/provider.js';

export interface CachedInstance {
  readonly engine: ReplayEngine;
  readonly instanceCreatedAt: number;
}

export class InstanceCache {
  readonly #capacity: number;
  readonly #entries = new Map<string, CachedInstance>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The hint handed to the provider during fetch. */
  hint(instanceId: string): CachedHistoryHint | undefined {
    const e = this.#entries.get(instanceId);
    if (e === undefined) return undefined;
    return {
      executionId: e.engine.executionId,
      lastEventId: e.engine.lastEventId,
      instanceCreatedAt: e.instanceCreatedAt,
    };
  }

  /** Removes and returns the entry (a turn owns it while it runs). */
  take(instanceId: string): CachedInstance | undefined {
    const e = this.#entries.get(instanceId);
    if (e !== undefined) this.#entries.delete(instanceId);
    return e;
  }

  put(instanceId: string, entry: CachedInstance): void {
    if (this.#capacity === 0) return;
    this.#entries.delete(instanceId);
    this.#entries.set(instanceId, entry);
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  delete(instanceId: string): void {
    this.#entries.delete(instanceId);
  }

  clear(): void {
    this.#entries.clear();
  }
}
