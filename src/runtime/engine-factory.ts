/**
 * The one place replay engines are built, by the orchestration dispatcher and by the replay
 * check alike, so a check replays exactly as a turn would: same KV snapshot, limits, clock,
 * GUID source, drain and trace sink, and the same input-schema gate for new executions.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as macrotask } from 'node:timers/promises';
import type { HistoryEvent } from '../core/history/history-event.js';
import { ReplayEngine, type ExecutionStart, type KvEntry } from '../core/replay/replay-engine.js';
import type { OrchestrationHandler } from '../core/replay/orchestration-handler.js';
import { DUROXIDE_VERSION } from '../core/version.js';
import { gateInput } from './input-gate.js';
import type { CodeWatchdog } from './code-watchdog.js';
import type { Logger } from './logger.js';
import type { ResolvedRuntimeOptions } from './options.js';
import type { OrchestrationRegistry } from './registry.js';

/** Lets every pending microtask run: the engine's pause between two deliveries. */
export const drainMicrotasks = (): Promise<void> => macrotask();

/** What a runtime builds every engine with. */
export interface EngineEnvironment {
  readonly registry: OrchestrationRegistry;
  readonly options: Pick<ResolvedRuntimeOptions, 'limits' | 'clock'>;
  readonly logger: Logger;
  /** When present, each drain goes through it, so runaway code is stopped (code-watchdog.ts). */
  readonly watchdog?: CodeWatchdog | undefined;
}

/** One execution to run or replay. */
export interface EngineRequest {
  readonly instanceId: string;
  readonly executionId: number;
  /** Stored history of the execution; empty for a new one (then `start` is given). */
  readonly history: readonly HistoryEvent[];
  /** A new execution: its input is checked against the version's input schema first. */
  readonly start?: ExecutionStart | undefined;
  readonly handler: OrchestrationHandler;
  /** KV values merged at the end of earlier executions (the provider's snapshot). */
  readonly kvSnapshot?: ReadonlyMap<string, KvEntry> | undefined;
  /** No trace output: the replay check must not log as if the code ran for real. */
  readonly quiet?: boolean | undefined;
}

export async function createReplayEngine(
  env: EngineEnvironment,
  request: EngineRequest,
): Promise<ReplayEngine> {
  const { instanceId, executionId, start } = request;
  // Only a new execution is gated: a replay of a started one must not depend on the schema.
  const handler =
    start === undefined
      ? request.handler
      : await gateInput(env.registry, request.handler, instanceId, executionId, start);
  const { logger } = env;
  const { clock } = env.options;
  return new ReplayEngine({
    instanceId,
    executionId,
    history: request.history,
    start,
    handler,
    clock: () => clock.now(),
    newGuid: randomUUID,
    // Read per drain: the runtime sets its watchdog once the thread is up.
    drain: () => env.watchdog?.hop(instanceId) ?? drainMicrotasks(),
    duroxideVersion: DUROXIDE_VERSION,
    limits: env.options.limits,
    kvSnapshot: request.kvSnapshot,
    trace:
      request.quiet === true
        ? undefined
        : (level, message, fields) => logger.log(level, 'duroxide::orchestration', message, fields),
  });
}
