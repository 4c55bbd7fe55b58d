/**
 * `ExecutionScope`: what every part of the replay engine shares about the execution being
 * replayed — its identity (for messages and error contexts), its first failure, and the
 * engine's own trace output.
 * @module
 */
import type { ErrorDetails } from '../errors/error-details.js';

/** Replay-safe trace output (the context's trace calls are silent while replaying). */
export type TraceLevel = 'debug' | 'info' | 'warn' | 'error';
export type TraceSink = (
  level: TraceLevel,
  message: string,
  fields: Record<string, unknown>,
) => void;

/** Identifiers of the execution, as put into error contexts and trace fields. */
export type ExecutionIdentity = {
  instanceId: string;
  executionId: number;
  orchestrationName: string;
  orchestrationVersion: string;
};

export class ExecutionScope {
  readonly instanceId: string;
  readonly executionId: number;
  readonly orchestrationName: string;
  readonly orchestrationVersion: string;
  readonly #sink: TraceSink | undefined;
  #error: ErrorDetails | undefined;

  constructor(
    instanceId: string,
    executionId: number,
    orchestrationName: string,
    orchestrationVersion: string,
    sink: TraceSink | undefined,
  ) {
    this.instanceId = instanceId;
    this.executionId = executionId;
    this.orchestrationName = orchestrationName;
    this.orchestrationVersion = orchestrationVersion;
    this.#sink = sink;
  }

  /** The first failure of this execution; once set, the code is not run any further. */
  get error(): ErrorDetails | undefined {
    return this.#error;
  }

  /** Records a failure; the first one wins. */
  fail(details: ErrorDetails): void {
    this.#error ??= details;
  }

  /** `instance 'x' execution 2 (Name@1.0.0)`, the subject of every engine message. */
  where(): string {
    return `instance '${this.instanceId}' execution ${this.executionId} (${this.orchestrationName}@${this.orchestrationVersion})`;
  }

  context(): ExecutionIdentity {
    return {
      instanceId: this.instanceId,
      executionId: this.executionId,
      orchestrationName: this.orchestrationName,
      orchestrationVersion: this.orchestrationVersion,
    };
  }

  /** Engine-side trace (also while replaying); no-op without a sink. */
  trace(level: TraceLevel, message: string): void {
    this.#sink?.(level, message, this.context());
  }
}
