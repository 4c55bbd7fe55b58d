/**
 * `ActivityContext`: what an activity receives.
 * @module
 */
import { Client } from '../client/client.js';
import type { Provider } from '../providers/provider.js';
import type { Logger } from './logger.js';

export interface ActivityContextInit {
  readonly instanceId: string;
  readonly executionId: number;
  readonly orchestrationName: string;
  readonly orchestrationVersion: string;
  readonly activityName: string;
  readonly activityId: number;
  readonly workerId: string;
  readonly sessionId: string | undefined;
  readonly tag: string | undefined;
  readonly signal: AbortSignal;
  readonly provider: Provider;
  readonly logger: Logger;
}

export class ActivityContext {
  readonly instanceId: string;
  readonly executionId: number;
  readonly orchestrationName: string;
  readonly orchestrationVersion: string;
  readonly activityName: string;
  /** Identity of the worker slot running this activity. */
  readonly workerId: string;
  /** The session this activity was routed by; null for an activity scheduled without one. */
  readonly sessionId: string | null;
  /**
   * Aborted when the activity is cancelled (its orchestration ended or dropped it, or its lock
   * was lost). Pass it to `fetch` and friends; the result of a cancelled activity is discarded.
   */
  readonly signal: AbortSignal;
  readonly #init: ActivityContextInit;
  #client: Client | undefined;

  /** @internal Created by the worker dispatcher. */
  constructor(init: ActivityContextInit) {
    this.#init = init;
    this.instanceId = init.instanceId;
    this.executionId = init.executionId;
    this.orchestrationName = init.orchestrationName;
    this.orchestrationVersion = init.orchestrationVersion;
    this.activityName = init.activityName;
    this.workerId = init.workerId;
    this.sessionId = init.sessionId ?? null;
    this.signal = init.signal;
  }

  /** The routing tag of this activity, or null. */
  tag(): string | null {
    return this.#init.tag ?? null;
  }

  isCancelled(): boolean {
    return this.signal.aborted;
  }

  /** A client on the same storage, e.g. to start orchestrations from an activity. */
  getClient(): Client {
    return (this.#client ??= new Client(this.#init.provider));
  }

  traceInfo(message: string): void {
    this.#trace('info', message);
  }
  traceWarn(message: string): void {
    this.#trace('warn', message);
  }
  traceError(message: string): void {
    this.#trace('error', message);
  }
  traceDebug(message: string): void {
    this.#trace('debug', message);
  }

  #trace(level: 'info' | 'warn' | 'error' | 'debug', message: string): void {
    this.#init.logger.log(level, 'duroxide::activity', message, {
      instanceId: this.instanceId,
      executionId: this.executionId,
      orchestrationName: this.orchestrationName,
      orchestrationVersion: this.orchestrationVersion,
      activityName: this.activityName,
      activityId: this.#init.activityId,
      workerId: this.workerId,
    });
  }
}
