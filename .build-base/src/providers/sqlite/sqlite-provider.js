import { InvalidInputError, ProviderError } from '../../core/errors/duroxide-error.js';
import { SignalFanOut } from '../shared/signal-fan-out.js';
import { applyMigrations } from './migrations/apply-migrations.js';
import { openDatabase } from './open-database.js';
import { MEMORY_LOCATION, parseSqliteUrl } from './sqlite-url.js';
import { prepareOperations } from './operations.js';
import { toProviderError } from './to-provider-error.js';
/**
 * SQLite implementation of {@link Provider}.
 *
 * Short-polling: `pollTimeoutMs` is ignored and fetches return at once; use {@link subscribe}
 * (in-process commit signals) and {@link nextOrchestratorVisibleAt} to avoid busy polling.
 *
 * @example
 * const provider = await SqliteProvider.open('sqlite:./data/duroxide.db');
 * // … hand it to a Runtime / Client …
 * await provider.close();
 */
export class SqliteProvider {
    name = 'sqlite';
    /** Every capability but cross-process signals: other processes' commits are found by polling. */
    capabilities = {
        localActivityHandoff: true,
        sessions: true,
        management: true,
        fleet: true,
        crossProcessSignals: false,
    };
    #db;
    #ops;
    #signals = new SignalFanOut();
    #pending = [];
    #batchTx;
    #now;
    #isClosed = false;
    constructor(db, now) {
        this.#db = db;
        this.#now = now;
        this.#ops = prepareOperations(db);
        const savepoint = db.transaction((op) => op.run());
        this.#batchTx = db.transaction((batch, outcomes) => {
            for (const op of batch) {
                try {
                    outcomes.push({ ok: true, value: savepoint(op) });
                }
                catch (error) {
                    outcomes.push({ ok: false, error: toProviderError(op.operation, error) });
                }
            }
        });
    }
    /**
     * Opens a database from a connection URL: `sqlite:path/to/file.db` (created if missing) or
     * `sqlite::memory:`.
     * @throws InvalidInputError (`INVALID_INPUT`) for any other url form.
     * @throws SchemaTooNewError (`SCHEMA_TOO_NEW`) when the file was migrated by a newer duroxide-ts.
     * @throws ProviderError (`PROVIDER_ERROR`) when the file cannot be opened.
     */
    static async open(url, options) {
        return SqliteProvider.#openLocation(parseSqliteUrl(url), options);
    }
    /** Opens (creating if missing) the database file at `path`; see {@link open}. */
    static async openFile(path, options) {
        return SqliteProvider.#openLocation(path, options);
    }
    /** A private in-memory database, gone when closed. */
    static async inMemory(options) {
        return SqliteProvider.#openLocation(MEMORY_LOCATION, options);
    }
    static #openLocation(location, options = {}) {
        const now = options.now ?? Date.now;
        if (typeof now !== 'function') {
            throw new InvalidInputError(`SQLite provider option now must be a function returning epoch ms, got ${JSON.stringify(now)}`);
        }
        let db;
        try {
            db = openDatabase(location);
        }
        catch (error) {
            throw toProviderError('open', error);
        }
        try {
            applyMigrations(db, location, now());
            return new SqliteProvider(db, now);
        }
        catch (error) {
            db.close();
            throw toProviderError('open', error);
        }
    }
    // ----- orchestrator queue -----
    async fetchOrchestrationItem(options) {
        return this.#write('fetchOrchestrationItem', (ops) => ops.fetchOrchestrationItem(options, this.#now()));
    }
    async ackOrchestrationItem(lockToken, ack, options = {}) {
        const result = await this.#write('ackOrchestrationItem', (ops) => ops.ackOrchestrationItem(lockToken, ack, options, this.#now()), (result) => {
            if (result.orchestratorVisibleAt !== undefined) {
                this.#emit({ kind: 'orchestrator', visibleAt: result.orchestratorVisibleAt });
            }
            if (result.workerItemCount > 0)
                this.#emit({ kind: 'worker' });
            // Lets the runtime abort an activity running in this process now, instead of at its next
            // lock renewal (which would fail: the row is gone).
            for (const c of result.cancelledActivities)
                this.#emit({ kind: 'activityCancelled', ...c });
            this.#emit({
                kind: 'instance',
                instanceId: result.instanceId,
                executionStatus: ack.metadata.status ?? 'Running',
            });
        });
        return {
            claimedWorkItems: result.claimedWorkItems,
            lockKept: result.lockKept,
            instanceCreatedAt: result.instanceCreatedAt,
        };
    }
    async abandonOrchestrationItem(lockToken, options = {}) {
        await this.#write('abandonOrchestrationItem', (ops) => ops.abandonOrchestrationItem(lockToken, options, this.#now()), (visibleAt) => this.#emit({ kind: 'orchestrator', visibleAt }));
    }
    async renewOrchestrationItemLock(lockToken, extendForMs) {
        await this.#write('renewOrchestrationItemLock', (ops) => ops.renewOrchestrationItemLock(lockToken, extendForMs, this.#now()));
    }
    async enqueueForOrchestrator(item, delayMs) {
        await this.#write('enqueueForOrchestrator', (ops) => ops.enqueueForOrchestrator(item, delayMs, this.#now()), (visibleAt) => this.#emit({ kind: 'orchestrator', visibleAt }));
    }
    async enqueueStartIfAbsent(item) {
        const visibleAt = await this.#write('enqueueStartIfAbsent', (ops) => ops.enqueueStartIfAbsent(item, this.#now()), (at) => {
            if (at !== undefined)
                this.#emit({ kind: 'orchestrator', visibleAt: at });
        });
        return visibleAt !== undefined;
    }
    async nextOrchestratorVisibleAt() {
        return this.#run('nextOrchestratorVisibleAt', (ops) => ops.nextOrchestratorVisibleAt(this.#now()));
    }
    // ----- worker queue -----
    async fetchWorkItem(options) {
        return this.#write('fetchWorkItem', (ops) => ops.fetchWorkItem(options, this.#now()));
    }
    async ackWorkItem(lockToken, completion) {
        await this.#write('ackWorkItem', (ops) => ops.ackWorkItem(lockToken, completion, this.#now()), (visibleAt) => {
            if (visibleAt !== undefined)
                this.#emit({ kind: 'orchestrator', visibleAt });
        });
    }
    async abandonWorkItem(lockToken, options = {}) {
        await this.#write('abandonWorkItem', (ops) => ops.abandonWorkItem(lockToken, options, this.#now()), () => this.#emit({ kind: 'worker' }));
    }
    async renewWorkItemLock(lockToken, extendForMs) {
        await this.#write('renewWorkItemLock', (ops) => ops.renewWorkItemLock(lockToken, extendForMs, this.#now()));
    }
    async renewSessionLocks(ownerIds, extendForMs, idleTimeoutMs) {
        return this.#run('renewSessionLocks', (ops) => ops.renewSessionLocks(ownerIds, extendForMs, idleTimeoutMs, this.#now()));
    }
    /** `idleTimeoutMs` is not needed: an idle session is no longer renewed, so its lease expires. */
    async cleanupOrphanedSessions(_idleTimeoutMs) {
        return this.#run('cleanupOrphanedSessions', (ops) => ops.cleanupOrphanedSessions(this.#now()));
    }
    // ----- reads -----
    async readHistory(instanceId, executionId) {
        return this.#run('readHistory', (ops) => ops.readHistory(instanceId, executionId));
    }
    async getInstance(instanceId) {
        return this.#run('getInstance', (ops) => ops.instances.getInstance(instanceId));
    }
    async instanceExists(instanceId) {
        return this.#run('instanceExists', (ops) => ops.instances.instanceExists(instanceId));
    }
    async getExecution(instanceId, executionId) {
        return this.#run('getExecution', (ops) => ops.executions.getExecution(instanceId, executionId));
    }
    async listExecutions(instanceId) {
        return this.#run('listExecutions', (ops) => ops.executions.listExecutions(instanceId));
    }
    async listInstances() {
        return this.#run('listInstances', (ops) => ops.instances.listInstances());
    }
    async listInstancesByStatus(status) {
        return this.#run('listInstancesByStatus', (ops) => ops.instances.listInstancesByStatus(status));
    }
    async getKvValue(instanceId, key) {
        return this.#run('getKvValue', (ops) => ops.kv.getValue(instanceId, key));
    }
    async getKvAllValues(instanceId) {
        return this.#run('getKvAllValues', (ops) => ops.kv.getAllValues(instanceId));
    }
    async getCustomStatus(instanceId, lastSeenVersion) {
        return this.#run('getCustomStatus', (ops) => ops.instances.getCustomStatus(instanceId, lastSeenVersion));
    }
    async readKvSnapshot(instanceId) {
        return this.#run('readKvSnapshot', (ops) => ops.kv.readSnapshot(instanceId));
    }
    async hasQueuedCancel(instanceId) {
        return this.#run('hasQueuedCancel', (ops) => ops.hasQueuedCancel(instanceId));
    }
    // ----- management -----
    async deleteInstances(instanceIds, force) {
        const result = this.#run('deleteInstances', (ops) => ops.deletion.deleteInstances(instanceIds, force));
        // Wake waiters on the deleted instances (they now read NotFound).
        if (result.instancesDeleted > 0) {
            for (const instanceId of instanceIds)
                this.#emit({ kind: 'instance', instanceId });
        }
        return result;
    }
    async getInstanceTree(instanceId) {
        return this.#run('getInstanceTree', (ops) => ops.trees.getInstanceTree(instanceId));
    }
    async deleteInstanceBulk(filter) {
        const { deletedIds, ...result } = this.#run('deleteInstanceBulk', (ops) => ops.deletion.deleteInstanceBulk(filter));
        for (const instanceId of deletedIds)
            this.#emit({ kind: 'instance', instanceId });
        return result;
    }
    async pruneExecutions(instanceId, options) {
        return this.#run('pruneExecutions', (ops) => ops.pruning.pruneExecutions(instanceId, options));
    }
    async pruneExecutionsBulk(filter, options) {
        return this.#run('pruneExecutionsBulk', (ops) => ops.pruning.pruneExecutionsBulk(filter, options));
    }
    async getSystemMetrics() {
        return this.#run('getSystemMetrics', (ops) => ops.metrics.getSystemMetrics());
    }
    async getQueueDepths() {
        return this.#run('getQueueDepths', (ops) => ops.metrics.getQueueDepths(this.#now()));
    }
    async getOrchestrationStats(instanceId) {
        return this.#run('getOrchestrationStats', (ops) => ops.metrics.getOrchestrationStats(instanceId));
    }
    async queryInstances(query) {
        return this.#run('queryInstances', (ops) => ops.queries.queryInstances(query));
    }
    async countInstances(filter, groupBy) {
        return this.#run('countInstances', (ops) => ops.queries.countInstances(filter, groupBy));
    }
    // ----- fleet (transactions of their own, not group-committed: rare, operator-paced) -----
    async setVersionPolicy(orchestrationName, policy, audit) {
        return this.#run('setVersionPolicy', (ops) => ops.policies.set(orchestrationName, policy, audit));
    }
    async getVersionPolicy(orchestrationName) {
        return this.#run('getVersionPolicy', (ops) => ops.policies.get(orchestrationName));
    }
    async listVersionPolicies() {
        return this.#run('listVersionPolicies', (ops) => ops.policies.list());
    }
    async appendAudit(entry) {
        this.#run('appendAudit', (ops) => ops.audit.append(entry));
    }
    async listAudit(query) {
        return this.#run('listAudit', (ops) => ops.audit.list(query));
    }
    async heartbeatNode(node) {
        this.#run('heartbeatNode', (ops) => ops.nodes.heartbeat(node));
    }
    async removeNode(nodeId) {
        this.#run('removeNode', (ops) => ops.nodes.remove(nodeId));
    }
    async listNodes() {
        return this.#run('listNodes', (ops) => ops.nodes.list());
    }
    async pruneNodes(lastSeenBefore) {
        return this.#run('pruneNodes', (ops) => ops.nodes.prune(lastSeenBefore));
    }
    async setInstanceVersion(instanceId, change, audit) {
        return this.#run('setInstanceVersion', (ops) => ops.setInstanceVersion(instanceId, change, audit));
    }
    // ----- lifecycle -----
    subscribe(listener) {
        return this.#signals.subscribe(listener);
    }
    /** Closes the connection. Idempotent; later calls fail with a `ProviderError`. */
    async close() {
        if (this.#isClosed)
            return;
        this.#flush(); // writes already accepted are committed, not dropped
        this.#isClosed = true;
        this.#signals.clear();
        this.#db.close();
    }
    /**
     * Group commit for the hot-path writes. Operations issued in the same event-loop turn (by the
     * dispatcher slots of this process, and clients) run in ONE `BEGIN IMMEDIATE` transaction at
     * the next macrotask, each inside its own savepoint (a failing operation rolls back only
     * itself). Every promise settles only after that transaction has committed, so nothing is
     * acknowledged before it is on disk; signals go out after the commit. One commit per batch
     * instead of one per operation is what makes many in-flight instances cheap (docs/performance.md).
     */
    #write(operation, fn, afterCommit) {
        if (this.#isClosed) {
            return Promise.reject(new ProviderError(operation, 'the SQLite provider is closed; open a new one', false));
        }
        return new Promise((resolve, reject) => {
            this.#pending.push({
                operation,
                run: () => fn(this.#ops),
                settle: (outcome) => {
                    if (!outcome.ok) {
                        reject(outcome.error);
                        return;
                    }
                    afterCommit?.(outcome.value);
                    resolve(outcome.value);
                },
            });
            if (this.#pending.length === 1)
                setImmediate(() => this.#flush());
        });
    }
    #flush() {
        const batch = this.#pending.splice(0);
        if (batch.length === 0)
            return;
        if (this.#isClosed) {
            for (const op of batch)
                op.settle({
                    ok: false,
                    error: new ProviderError(op.operation, 'the SQLite provider is closed; open a new one', false),
                });
            return;
        }
        const outcomes = [];
        try {
            this.#runBatch(batch, outcomes);
        }
        catch (error) {
            // The transaction itself failed (busy past the timeout, disk error): nothing committed.
            for (const op of batch)
                op.settle({ ok: false, error: toProviderError(op.operation, error) });
            return;
        }
        batch.forEach((op, i) => op.settle(outcomes[i]));
    }
    /** Runs a batch in one transaction; each operation's own transaction nests as a savepoint. */
    #runBatch = (batch, outcomes) => {
        this.#batchTx.immediate(batch, outcomes);
    };
    /** Runs one operation, translating every failure into a classified `ProviderError`. */
    #run(operation, fn) {
        if (this.#isClosed) {
            throw new ProviderError(operation, 'the SQLite provider is closed; open a new one', false);
        }
        try {
            return fn(this.#ops);
        }
        catch (error) {
            throw toProviderError(operation, error);
        }
    }
    #emit(signal) {
        this.#signals.emit(signal);
    }
}
//# sourceMappingURL=sqlite-provider.js.map