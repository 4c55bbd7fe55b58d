/**
 * The SQLite provider's `OperatorStore`: the synchronous operations of
 * `statements/operator-store.ts`, each run at once in its own transaction (not group-committed:
 * rare and operator-paced, like the fleet writes).
 * @module
 */
import type { OperatorStore } from '../provider-records.js';
import type { SqliteOperatorOps } from './statements/operator-store.js';

export interface SqliteOperatorStoreDeps {
  run<T>(operation: string, fn: (ops: SqliteOperatorOps) => T): T;
  readonly now: () => number;
}

async function run<T>(
  d: SqliteOperatorStoreDeps,
  operation: string,
  fn: (ops: SqliteOperatorOps) => T,
): Promise<T> {
  await Promise.resolve();
  return d.run(operation, fn);
}

export function sqliteOperatorStore(d: SqliteOperatorStoreDeps): OperatorStore {
  return {
    getQueueStats: () => run(d, 'getQueueStats', (ops) => ops.queueStats(d.now())),
    listWorkItems: (instanceId) =>
      run(d, 'listWorkItems', (ops) => ops.workItems(instanceId, d.now())),
    createBulkJob: (job) => run(d, 'createBulkJob', (ops) => ops.createBulkJob(job, d.now())),
    getBulkJob: (jobId) => run(d, 'getBulkJob', (ops) => ops.getBulkJob(jobId)),
    listBulkJobs: (query) => run(d, 'listBulkJobs', (ops) => ops.listBulkJobs(query)),
    claimBulkJob: (owner, leaseMs, jobId) =>
      run(d, 'claimBulkJob', (ops) => ops.claimBulkJob(owner, leaseMs, jobId, d.now())),
    updateBulkJob: (jobId, owner, update) =>
      run(d, 'updateBulkJob', (ops) => ops.updateBulkJob(jobId, owner, update, d.now())),
    cancelBulkJob: (jobId) => run(d, 'cancelBulkJob', (ops) => ops.cancelBulkJob(jobId, d.now())),
    insertApiKey: (key) => run(d, 'insertApiKey', (ops) => ops.insertApiKey(key, d.now())),
    listApiKeys: () => run(d, 'listApiKeys', (ops) => ops.listApiKeys()),
    revokeApiKey: (name) => run(d, 'revokeApiKey', (ops) => ops.revokeApiKey(name, d.now())),
  };
}
