/**
 * The PostgreSQL provider's `OperatorStore`: the statements of `statements/operator-store.ts`
 * on the provider's pool. Reads are retried on transient failures; writes only when nothing
 * was sent (a claim or an update applied twice would be wrong).
 * @module
 */
import type { OperatorStore } from '../provider-records.js';
import type { Queryable } from './database.js';
import type { RetryPolicy } from './connection-settings.js';
import type { PostgresOperatorOps } from './statements/operator-store.js';

export interface PostgresOperatorStoreDeps {
  run<T>(operation: string, fn: () => Promise<T>, policy: RetryPolicy): Promise<T>;
  readonly db: Queryable;
  readonly ops: PostgresOperatorOps;
  readonly now: () => number;
}

export function postgresOperatorStore(d: PostgresOperatorStoreDeps): OperatorStore {
  const { db, ops, now } = d;
  const read = <T>(operation: string, fn: () => Promise<T>): Promise<T> =>
    d.run(operation, fn, 'transient');
  const write = <T>(operation: string, fn: () => Promise<T>): Promise<T> =>
    d.run(operation, fn, 'unsent');
  return {
    getQueueStats: () => read('getQueueStats', () => ops.queueStats(db, now())),
    listWorkItems: (instanceId) =>
      read('listWorkItems', () => ops.workItems(db, instanceId, now())),
    createBulkJob: (job) => write('createBulkJob', () => ops.createBulkJob(db, job, now())),
    getBulkJob: (jobId) => read('getBulkJob', () => ops.getBulkJob(db, jobId)),
    listBulkJobs: (query) => read('listBulkJobs', () => ops.listBulkJobs(db, query)),
    claimBulkJob: (owner, leaseMs, jobId) =>
      write('claimBulkJob', () => ops.claimBulkJob(db, owner, leaseMs, jobId, now())),
    updateBulkJob: (jobId, owner, update) =>
      write('updateBulkJob', () => ops.updateBulkJob(db, jobId, owner, update, now())),
    cancelBulkJob: (jobId) => write('cancelBulkJob', () => ops.cancelBulkJob(db, jobId, now())),
    insertApiKey: (key) => write('insertApiKey', () => ops.insertApiKey(db, key, now())),
    listApiKeys: () => read('listApiKeys', () => ops.listApiKeys(db)),
    revokeApiKey: (name) => write('revokeApiKey', () => ops.revokeApiKey(db, name, now())),
  };
}
