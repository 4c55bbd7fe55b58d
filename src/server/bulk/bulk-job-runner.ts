/**
 * Runs durable bulk jobs (docs/management-api.md, "Bulk jobs"): claims the oldest unfinished job
 * with a lease, works through its instances page by page, and checkpoints its progress in the
 * store after every instance, so a job survives its server: when a server stops it releases the
 * lease and the next server (or this one, started again) resumes from the last checkpoint; when
 * a server dies the lease expires and another takes over. At most the one instance being worked
 * on when a server died is processed twice.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Client } from '../../client/client.js';
import { isDuroxideError } from '../../core/errors/duroxide-error.js';
import type { BulkJobRecord, OperatorStore } from '../../client/operator-types.js';
import { applyBulkAction, type BulkRequest } from './bulk-actions.js';
import {
  KEPT_FAILURES,
  parseProgress,
  parseRequest,
  type BulkJobProgress,
} from './bulk-job-progress.js';

export interface BulkJobRunnerOptions {
  /** How often an idle runner looks for jobs (other servers' too). Default 1,000 ms. */
  readonly pollIntervalMs?: number;
  /** How long a claimed job stays this runner's without a checkpoint. Default 30,000 ms. */
  readonly leaseMs?: number;
  /** Instances read per query page of a filter job. Default 100. */
  readonly pageSize?: number;
  /** Pace: at most this many instances per second per job. Default unlimited. */
  readonly maxItemsPerSecond?: number;
}

type Ending = 'completed' | 'failed' | 'cancelled';

/** Claims and runs bulk jobs until stopped. */
export class BulkJobRunner {
  /** Who holds this runner's leases (shown as the job's runner). */
  readonly owner = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  readonly #client: Client;
  readonly #pollIntervalMs: number;
  readonly #leaseMs: number;
  readonly #pageSize: number;
  readonly #itemGapMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #onlyJobId: string | undefined;
  #loop: Promise<void> | undefined;
  #isStopping = false;
  #wake: (() => void) | undefined;

  constructor(
    client: Client,
    options: BulkJobRunnerOptions,
    onError: (error: unknown) => void,
    onlyJobId?: string,
  ) {
    this.#client = client;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#pageSize = options.pageSize ?? 100;
    this.#itemGapMs =
      options.maxItemsPerSecond === undefined ? 0 : 1000 / options.maxItemsPerSecond;
    this.#onError = onError;
    this.#onlyJobId = onlyJobId;
  }

  get isRunning(): boolean {
    return this.#loop !== undefined && !this.#isStopping;
  }

  /** Settles when the runner's loop ended (stopped, or its one job is done). */
  get finished(): Promise<void> {
    return this.#loop ?? Promise.resolve();
  }

  start(): void {
    if (this.#loop !== undefined) return;
    this.#isStopping = false;
    this.#loop = this.#run();
  }

  /** Looks for jobs now (a job was just created). */
  wake(): void {
    this.#wake?.();
  }

  /** Stops after the instance in progress, releasing the lease of the job it works on. */
  async stop(): Promise<void> {
    this.#isStopping = true;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  async #run(): Promise<void> {
    while (!this.#isStopping) {
      let job: BulkJobRecord | null = null;
      try {
        job = await this.#store().claimBulkJob(this.owner, this.#leaseMs, this.#onlyJobId);
      } catch (error) {
        this.#onError(error);
      }
      if (job !== null) await this.#process(job);
      else if (this.#onlyJobId !== undefined) return;
      else if (!this.#isStopping) await this.#sleep(this.#pollIntervalMs);
    }
  }

  #store(): OperatorStore {
    return this.#client.operatorStore();
  }

  async #process(job: BulkJobRecord): Promise<void> {
    const request = parseRequest(job);
    const state = { progress: parseProgress(job), isCancelRequested: job.isCancelRequested };
    // Writes the progress (and the end); false when the job is no longer this runner's.
    const write = async (ending?: Ending, error?: string, leaseMs = this.#leaseMs) => {
      const written = await this.#store().updateBulkJob(job.jobId, this.owner, {
        progress: JSON.stringify(state.progress),
        leaseMs,
        ...(ending !== undefined ? { state: ending } : {}),
        ...(error !== undefined ? { error } : {}),
      });
      if (written === null) return false;
      state.isCancelRequested = written.isCancelRequested;
      return true;
    };
    try {
      const ending = await this.#work(job, request, state, write);
      if (ending === undefined) {
        await write(undefined, undefined, 0); // stopping: release the lease at once
        return;
      }
      if (await write(ending)) await this.#audit(job, request, state.progress, ending);
    } catch (error) {
      this.#onError(error);
      // A store failure leaves the job to the next claim; anything else ends it.
      if (isDuroxideError(error) && error.code === 'PROVIDER_ERROR') return;
      const detail = error instanceof Error ? error.message : String(error);
      await write('failed', `the job stopped on an unexpected error: ${detail}`).catch(
        this.#onError,
      );
    }
  }

  /** Works until the job ends (its ending) or the runner stops or loses it (undefined). */
  async #work(
    job: BulkJobRecord,
    request: BulkRequest,
    state: { progress: BulkJobProgress; isCancelRequested: boolean },
    write: () => Promise<boolean>,
  ): Promise<Ending | undefined> {
    const limit = request.limit ?? Number.POSITIVE_INFINITY;
    const actor = job.actor ?? 'bulk-job';
    // Handles one instance and checkpoints; false to stop working.
    const handle = async (instanceId: string, next: BulkJobProgress['checkpoint']) => {
      const p = state.progress;
      let failure: { instanceId: string; code: string; detail: string } | undefined;
      try {
        await applyBulkAction(this.#client, request, instanceId, actor);
      } catch (error) {
        if (!isDuroxideError(error) || error.code === 'PROVIDER_ERROR') throw error;
        failure = { instanceId, code: error.code, detail: error.message };
      }
      state.progress = {
        ...p,
        processed: p.processed + 1,
        succeeded: p.succeeded + (failure === undefined ? 1 : 0),
        failed: p.failed + (failure === undefined ? 0 : 1),
        failures:
          failure !== undefined && p.failures.length < KEPT_FAILURES
            ? [...p.failures, failure]
            : p.failures,
        checkpoint: next,
      };
      if (!(await write())) return false;
      if (this.#itemGapMs > 0) await this.#sleep(this.#itemGapMs);
      return true;
    };
    const shouldStop = (): Ending | 'stop' | undefined =>
      this.#isStopping ? 'stop' : state.isCancelRequested ? 'cancelled' : undefined;

    if (request.instanceIds !== undefined) {
      const ids = [...new Set(request.instanceIds)];
      for (;;) {
        const stop = shouldStop();
        if (stop !== undefined) return stop === 'stop' ? undefined : stop;
        const checkpoint = state.progress.checkpoint as { next: number };
        const id = ids[checkpoint.next];
        if (id === undefined || state.progress.processed >= limit) return 'completed';
        if (!(await handle(id, { next: checkpoint.next + 1 }))) return undefined;
      }
    }
    for (;;) {
      const checkpoint = state.progress.checkpoint as { cursor: string | null; done: string[] };
      const page = await this.#client.queryInstances({
        ...request.filter,
        limit: this.#pageSize,
        ...(checkpoint.cursor !== null ? { cursor: checkpoint.cursor } : {}),
      });
      let done = checkpoint.done;
      for (const item of page.items) {
        const stop = shouldStop();
        if (stop !== undefined) return stop === 'stop' ? undefined : stop;
        if (state.progress.processed >= limit) return 'completed';
        if (done.includes(item.instanceId)) continue;
        done = [...done, item.instanceId];
        if (!(await handle(item.instanceId, { cursor: checkpoint.cursor, done }))) return undefined;
      }
      if (page.nextCursor === null || state.progress.processed >= limit) return 'completed';
      state.progress = { ...state.progress, checkpoint: { cursor: page.nextCursor, done: [] } };
      if (!(await write())) return undefined;
    }
  }

  async #audit(
    job: BulkJobRecord,
    request: BulkRequest,
    progress: BulkJobProgress,
    ending: Ending,
  ): Promise<void> {
    await this.#client
      .appendAuditEntry(`bulk-job.${ending}`, `bulk-job:${job.jobId}`, {
        ...(job.actor !== undefined ? { actor: job.actor } : {}),
        ...(request.reason !== undefined ? { reason: request.reason } : {}),
        details: {
          action: request.action,
          matched: progress.matched,
          processed: progress.processed,
          succeeded: progress.succeeded,
          failed: progress.failed,
        },
      })
      .catch(this.#onError);
  }
}
