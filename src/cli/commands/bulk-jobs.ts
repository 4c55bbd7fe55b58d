/**
 * Durable bulk jobs from the CLI: `duroxide bulk <action> --job` (in bulk.ts) creates one and
 * follows it here; `duroxide bulk-jobs list | show | cancel | watch` are the twins of
 * `/api/v1/bulk/jobs`.
 * @module
 */
import type { Command } from 'commander';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { intOption, queryString, enc, type CliContext } from '../cli-context.js';
import { CliError, EXIT_CODES, usageError } from '../cli-error.js';
import type { ApiConnection } from '../connection.js';
import { renderRecord, renderTable } from '../output.js';

type Ctx = (command: Command) => CliContext;

/** The fields of a job the CLI reads (the API's BulkJob). */
interface BulkJob {
  readonly jobId: string;
  readonly action: string;
  readonly state: string;
  readonly matched: number;
  readonly processed: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly failures: readonly Record<string, unknown>[];
  readonly error: string | null;
  readonly [key: string]: unknown;
}

const POLL_MS = 300;
const ENDED = new Set(['completed', 'failed', 'cancelled']);

export function renderJob(job: BulkJob): string {
  const { failures, request: _request, runner, sampleInstanceIds, ...rest } = job;
  const head = renderRecord({ ...rest, runner: (runner as { owner?: string } | null)?.owner });
  const sample = sampleInstanceIds as string[] | undefined;
  return [
    head,
    ...(failures.length > 0 ? [`\nfailures:\n${renderTable(failures)}`] : []),
    ...(sample !== undefined && sample.length > 0
      ? [`\nmatches (first ${sample.length}):\n${sample.join('\n')}`]
      : []),
  ].join('\n');
}

function progressLine(job: BulkJob): string {
  return `${job.jobId}: ${job.state}, ${job.processed}/${job.matched} processed (${job.succeeded} ok, ${job.failed} failed)`;
}

/** Exit status of a finished job: completed 0, cancelled 4, failed 1. */
function checkEnding(job: BulkJob): void {
  if (job.state === 'failed')
    throw new CliError(
      ERROR_CODES.INTERNAL_ERROR,
      `bulk job ${job.jobId} failed: ${job.error ?? 'no reason recorded'}`,
      EXIT_CODES.FAILURE,
    );
  if (job.state === 'cancelled')
    throw new CliError(
      ERROR_CODES.INVALID_STATE,
      `bulk job ${job.jobId} was cancelled after ${job.processed} of ${job.matched} instances`,
      EXIT_CODES.CONFLICT,
    );
}

/**
 * Follows a job until it ends, printing progress lines (table mode); with `--store` this
 * process runs it meanwhile. Prints the final job.
 */
export async function followJob(c: CliContext, api: ApiConnection, jobId: string): Promise<void> {
  const local = api.runBulkJob?.(jobId);
  let job: BulkJob;
  let last = '';
  try {
    for (;;) {
      job = (await api.request('GET', `/api/v1/bulk/jobs/${enc(jobId)}`)) as BulkJob;
      const line = progressLine(job);
      if (line !== last) c.printer.note(line);
      last = line;
      if (ENDED.has(job.state)) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    await local?.stop();
  }
  c.printer.print(job, renderJob);
  checkEnding(job);
}

export function registerBulkJobCommands(program: Command, ctx: Ctx): void {
  const jobs = program
    .command('bulk-jobs')
    .description('durable bulk jobs (create one with duroxide bulk <action> --job)');
  jobs
    .command('list')
    .description('bulk jobs, newest first')
    .option('--state <state>', 'queued | running | completed | failed | cancelled')
    .option('--limit <n>', 'at most this many (1..1000, default 50)')
    .option('--cursor <cursor>', 'nextCursor of the previous page')
    .action(async (_o: unknown, command: Command) => {
      const c = ctx(command);
      const o = c.options as Record<string, string | undefined>;
      const q = queryString({
        state: o['state'],
        limit: intOption(o['limit'], '--limit'),
        cursor: o['cursor'],
      });
      await c.withApi(async (api) =>
        c.printer.print(
          await api.request('GET', `/api/v1/bulk/jobs${q}`),
          (page: { items: BulkJob[] }) =>
            renderTable(
              page.items.map((j) => ({ ...j, failures: j.failures.length })),
              [
                'jobId',
                'action',
                'state',
                'matched',
                'processed',
                'succeeded',
                'failed',
                'actor',
                'createdAt',
              ],
            ),
        ),
      );
    });
  jobs
    .command('show <jobId>')
    .description('one bulk job with its progress')
    .action(async (jobId: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      await c.withApi(async (api) =>
        c.printer.print(await api.request('GET', `/api/v1/bulk/jobs/${enc(jobId)}`), renderJob),
      );
    });
  jobs
    .command('watch <jobId>')
    .description('follows a bulk job until it ends (with --store, runs it in this process)')
    .action(async (jobId: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      await c.withApi((api) => followJob(c, api, jobId));
    });
  jobs
    .command('cancel <jobId>')
    .description('cancels a queued or running bulk job')
    .action(async (jobId: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      if (jobId.trim() === '') throw usageError('give the job id');
      await c.confirm(`cancel bulk job ${jobId}?`);
      await c.withApi(async (api) =>
        c.printer.print(
          await api.request('POST', `/api/v1/bulk/jobs/${enc(jobId)}/cancel`),
          renderJob,
        ),
      );
    });
}
