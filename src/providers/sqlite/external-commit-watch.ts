/**
 * Noticing other connections' commits to a SQLite file.
 * @module
 */
import type Database from 'better-sqlite3';

/**
 * How often `PRAGMA data_version` is read while someone listens: the first poll interval client
 * waits used before, so a commit by another process is noticed as soon as it was then.
 */
const WATCH_INTERVAL_MS = 5;

/**
 * Tells listeners that another connection (another process, or another provider on the same
 * file) committed, by reading `PRAGMA data_version` every {@link WATCH_INTERVAL_MS} while there
 * are listeners. The value changes only on other connections' commits, never on this one's, so
 * a process alone on its file is never woken. The timer does not keep the process alive. A
 * private in-memory database has no other connections and no timer. Closing the provider wakes
 * every listener once, so waits fail at once with the closed provider's error.
 */
export class ExternalCommitWatch {
  readonly #listeners = new Set<() => void>();
  readonly #dataVersion: (() => unknown) | undefined;
  readonly #isOpen: () => boolean;
  #timer: ReturnType<typeof setInterval> | undefined;
  #last: unknown;

  /** `shared`: a file other connections may open (not a private in-memory database). */
  constructor(db: Database.Database, shared: boolean, isOpen: () => boolean) {
    if (shared) {
      const statement = db.prepare('PRAGMA data_version').pluck();
      this.#dataVersion = () => statement.get();
    }
    this.#isOpen = isOpen;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    if (this.#dataVersion !== undefined && this.#timer === undefined && this.#isOpen()) {
      this.#last = this.#dataVersion();
      this.#timer = setInterval(() => this.#check(), WATCH_INTERVAL_MS);
      this.#timer.unref();
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.stop();
    };
  }

  /** Stops reading (no listeners left). */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** The connection closed: stops, and wakes every listener once. */
  close(): void {
    this.stop();
    this.#notify();
    this.#listeners.clear();
  }

  #check(): void {
    if (!this.#isOpen() || this.#dataVersion === undefined) {
      this.stop();
      return;
    }
    const version = this.#dataVersion();
    if (version === this.#last) return;
    this.#last = version;
    this.#notify();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch {
        // A hint only: a throwing listener must not stop the others (as in SignalFanOut).
      }
    }
  }
}
