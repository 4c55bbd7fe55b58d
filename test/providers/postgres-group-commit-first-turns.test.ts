/**
 * Group commit of first turns (ack-first-turns.ts): the statement module driven through a
 * `Queryable` that records what it sends, so the tests see how many statements a turn's acks
 * cost and which ones ran, and choose each ack's `now`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { ProviderError } from '../../src/core/errors/duroxide-error.js';
import type { HistoryEvent } from '../../src/core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../src/core/history/work-item.js';
import type { OrchestrationAck, OrchestrationAckOptions } from '../../src/providers/provider.js';
import { schemaIdentity } from '../../src/providers/postgres/connection-config.js';
import { Database, type Transactional } from '../../src/providers/postgres/database.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { prepareAckOrchestrationItem } from '../../src/providers/postgres/statements/ack-orchestration-item.js';
import {
  LONG_LOCK_MS,
  ack,
  activityExecute,
  externalRaised,
  fetchFor,
  scheduledEvent,
  startItem,
  startMetadata,
  startedEvent,
  timerFired,
} from '../../src/providers/validation/conformance-fixtures.js';
import { adminQuery } from '../helpers/postgres-cluster.js';
import { freshSchemas } from '../helpers/fresh-schemas.js';

const schemas = freshSchemas();

interface Store {
  readonly provider: PostgresProvider;
  /** The ack statement module on its own pool; `sent` lists the statements it ran. */
  readonly ackTurn: (token: string, a: OrchestrationAck, now: number) => Promise<unknown>;
  readonly sent: string[];
}

const HELD: OrchestrationAckOptions = {
  claimWorkItems: { indexes: [0], lockTimeoutMs: LONG_LOCK_MS },
  keepLock: { lockTimeoutMs: LONG_LOCK_MS },
};

async function store(t: { after(fn: () => Promise<unknown>): void }): Promise<Store> {
  const schema = schemas.schema('first_turns');
  const provider = await PostgresProvider.connectWithSchema(schemas.url(), schema);
  t.after(() => provider.close());
  const pool = new pg.Pool({ connectionString: schemas.url(), max: 4 });
  t.after(() => pool.end());
  const db = new Database(pool);
  const sent: string[] = [];
  const recording: Transactional = {
    query: (text, values, prepared) => {
      sent.push(text.includes('pin_set') ? 'batch' : 'single');
      return db.query(text, values, prepared);
    },
    transaction: (fn) => db.transaction(fn),
  };
  const ackItem = prepareAckOrchestrationItem({ schema: schemaIdentity(schema), origin: 'test' });
  return {
    provider,
    sent,
    ackTurn: (token, a, now) => ackItem(recording, token, a, HELD, now),
  };
}

/** New instances with their start fetched (locked): the lock tokens, in the order of `ids`. */
async function fetchedStarts(p: PostgresProvider, ids: readonly string[]): Promise<string[]> {
  const tokens: string[] = [];
  for (const id of ids) {
    await p.enqueueForOrchestrator(startItem(id));
    tokens.push((await fetchFor(p, id)).lockToken);
  }
  return tokens;
}

/** A first turn: the start, one activity claimed by the caller, a timer for later. */
function firstTurn(id: string, parts: Partial<OrchestrationAck> = {}): OrchestrationAck {
  return ack(1, {
    historyDelta: [startedEvent(id), scheduledEvent(id, 1, 2)],
    workerItems: [activityExecute(id, 1, 2)],
    orchestratorItems: [timerFired(id, 1, 3, Date.now() + 60_000)],
    metadata: startMetadata(),
    ...parts,
  });
}

/** The transactions that wrote the `OrchestrationStarted` events of these instances. */
async function writers(p: PostgresProvider, ids: readonly string[]): Promise<number> {
  const rows = await adminQuery<{ n: string }>(
    schemas.url(),
    `SELECT count(DISTINCT xmin::text) AS n FROM "${p.schema}".history
     WHERE instance_id = ANY($1::text[]) AND event_id = 1`,
    [ids],
  );
  return Number(rows[0]?.n);
}

describe('PostgreSQL group commit of first turns', () => {
  test('first turns of several new instances acked in the same event-loop turn commit with one statement, each with its own result and its own now', async (t) => {
    const s = await store(t);
    const ids = ['ft-a', 'ft-b', 'ft-c'];
    const tokens = await fetchedStarts(s.provider, ids);
    const base = Date.now();
    const results = (await Promise.all(
      ids.map((id, i) => s.ackTurn(tokens[i]!, firstTurn(id), base + i)),
    )) as { lockKept: boolean; instanceCreatedAt?: unknown; claimedWorkItems: unknown[] }[];
    assert.deepEqual(s.sent, ['batch']);
    assert.equal(await writers(s.provider, ids), 1, 'one commit wrote all three');
    for (const [i, r] of results.entries()) {
      assert.equal(r.lockKept, true);
      assert.equal(Number(r.instanceCreatedAt), base + i);
      assert.equal(r.claimedWorkItems.length, 1);
      const instance = await s.provider.getInstance(ids[i]!);
      assert.equal(instance?.orchestrationName, 'Flow');
      assert.equal((await s.provider.readHistory(ids[i]!)).length, 2);
    }
    // Each timer was queued for its own instance, and each kept lock is still the caller's.
    const timers = await adminQuery<{ instance_id: string }>(
      schemas.url(),
      `SELECT instance_id FROM "${s.provider.schema}".orchestrator_queue ORDER BY instance_id`,
    );
    assert.deepEqual(
      timers.map((r) => r.instance_id),
      ids,
    );
    await s.ackTurn(
      tokens[0]!,
      ack(1, {
        historyDelta: [scheduledEvent('ft-a', 1, 3)],
        workerItems: [activityExecute('ft-a', 1, 3)],
      }),
      base,
    );
    assert.equal((await s.provider.readHistory('ft-a')).length, 3);
  });

  test('an unknown, an expired and a lost work item lock in a batch fail only their own acks, writing nothing for them', async (t) => {
    const s = await store(t);
    const ids = ['ft-d', 'ft-e', 'ft-f'];
    const tokens = await fetchedStarts(s.provider, ids);
    const now = Date.now();
    const [unknown, expired, lost, kept] = await Promise.allSettled([
      s.ackTurn('no-such-token', firstTurn('ft-x'), now),
      s.ackTurn(tokens[0]!, firstTurn('ft-d'), now + 2 * LONG_LOCK_MS),
      s.ackTurn(tokens[1]!, firstTurn('ft-e', { completedWorkItems: ['expired-work-token'] }), now),
      s.ackTurn(tokens[2]!, firstTurn('ft-f'), now),
    ]);
    assert.deepEqual(s.sent, ['batch']);
    assert.ok(unknown.status === 'rejected' && unknown.reason instanceof ProviderError);
    assert.match((unknown.reason as Error).message, /unknown/);
    assert.ok(expired.status === 'rejected' && expired.reason instanceof ProviderError);
    assert.match((expired.reason as Error).message, /expired/);
    assert.ok(lost.status === 'rejected' && lost.reason instanceof ProviderError);
    assert.match((lost.reason as Error).message, /expired-work-token/);
    assert.equal(kept.status, 'fulfilled');
    for (const id of ['ft-d', 'ft-e']) {
      assert.equal(await s.provider.getInstance(id), null, `nothing written for ${id}`);
      assert.equal((await s.provider.readHistory(id)).length, 0);
    }
    assert.equal((await s.provider.readHistory('ft-f')).length, 2);
  });

  test('a duplicate history event fails the batch statement: each ack runs again alone, and only the duplicate fails', async (t) => {
    const s = await store(t);
    const ids = ['ft-g', 'ft-h'];
    const tokens = await fetchedStarts(s.provider, ids);
    const now = Date.now();
    const [duplicate, other] = await Promise.allSettled([
      s.ackTurn(
        tokens[0]!,
        firstTurn('ft-g', { historyDelta: [startedEvent('ft-g'), scheduledEvent('ft-g', 1, 1)] }),
        now,
      ),
      s.ackTurn(tokens[1]!, firstTurn('ft-h'), now),
    ]);
    assert.deepEqual(s.sent, ['batch', 'single', 'single']);
    assert.ok(duplicate.status === 'rejected' && duplicate.reason instanceof ProviderError);
    assert.match((duplicate.reason as Error).message, /already has event 1/);
    assert.equal(other.status, 'fulfilled');
    assert.equal((await s.provider.readHistory('ft-g')).length, 0);
    assert.equal((await s.provider.readHistory('ft-h')).length, 2);
  });

  test('the same lock token twice in one batch fails the batch statement: each runs again alone: the first commits, the second fails on its duplicate events', async (t) => {
    const s = await store(t);
    const [token] = await fetchedStarts(s.provider, ['ft-m']);
    const now = Date.now();
    const [first, again] = await Promise.allSettled([
      s.ackTurn(token!, firstTurn('ft-m'), now),
      s.ackTurn(token!, firstTurn('ft-m'), now),
    ]);
    assert.deepEqual(s.sent, ['batch', 'single', 'single']);
    assert.equal(first.status, 'fulfilled');
    assert.ok(again.status === 'rejected' && again.reason instanceof ProviderError);
    assert.match((again.reason as Error).message, /already has event/);
    assert.equal((await s.provider.readHistory('ft-m')).length, 2);
  });

  test("a message one first turn queues for another instance of the batch counts as waiting for it: that instance's lock is released", async (t) => {
    const s = await store(t);
    const ids = ['ft-i', 'ft-j'];
    const tokens = await fetchedStarts(s.provider, ids);
    const now = Date.now();
    const [sender, receiver] = (await Promise.all([
      s.ackTurn(
        tokens[0]!,
        firstTurn('ft-i', { orchestratorItems: [externalRaised('ft-j')] }),
        now,
      ),
      s.ackTurn(tokens[1]!, firstTurn('ft-j'), now),
    ])) as { lockKept: boolean }[];
    assert.deepEqual(s.sent, ['batch']);
    assert.equal(sender?.lockKept, true);
    assert.equal(receiver?.lockKept, false);
    const next = await fetchFor(s.provider, 'ft-j');
    assert.deepEqual(
      next.item.messages.map((m) => m.type),
      ['ExternalRaised'],
    );
  });

  test('first turns of instances whose rows exist already update them in one statement as the single statement does: pin, next version and history format per ack', async (t) => {
    const s = await store(t);
    const ids = ['ft-k', 'ft-l'];
    const tokens = await fetchedStarts(s.provider, ids);
    await adminQuery(
      schemas.url(),
      `INSERT INTO "${s.provider.schema}".instances
         (instance_id, orchestration_name, current_execution_id, created_at, updated_at, version_pin, next_version, history_format)
       VALUES ('ft-k', 'Old', 1, 5, 5, 'pin', '2.0.0', 1), ('ft-l', 'Old', 1, 6, 6, 'pin', '3.0.0', 1)`,
    );
    const now = Date.now();
    const fleet = (extra: Partial<OrchestrationAck['metadata']>) =>
      startMetadata(undefined, undefined, { consumedNextVersion: '2.0.0', ...extra });
    const results = (await Promise.all([
      s.ackTurn(
        tokens[0]!,
        firstTurn('ft-k', { metadata: fleet({ versionPin: { value: null }, historyFormat: 2 }) }),
        now,
      ),
      s.ackTurn(tokens[1]!, firstTurn('ft-l', { metadata: fleet({}) }), now),
    ])) as { instanceCreatedAt?: unknown }[];
    assert.deepEqual(s.sent, ['batch']);
    assert.deepEqual(
      results.map((r) => Number(r.instanceCreatedAt)),
      [5, 6],
    );
    const rows = await adminQuery<Record<string, unknown>>(
      schemas.url(),
      `SELECT instance_id, orchestration_name, version_pin, next_version, history_format
       FROM "${s.provider.schema}".instances ORDER BY instance_id`,
    );
    assert.deepEqual(rows, [
      {
        instance_id: 'ft-k',
        orchestration_name: 'Flow',
        version_pin: null,
        next_version: null,
        history_format: 2,
      },
      {
        instance_id: 'ft-l',
        orchestration_name: 'Flow',
        version_pin: 'pin',
        next_version: '3.0.0',
        history_format: 1,
      },
    ]);
  });

  test('history events and activity items with quotes, backslashes, escapes and astral text are stored as their exact JSON by batched and single first turns and held steps', async (t) => {
    const s = await store(t);
    const tricky = 'say "hi" \\ back\\slash {a,"b"} NULL \u0000 \ud800 \u2028 é 😀 [] ,';
    // Built once: the fixtures stamp the time, and the stored text is compared with these.
    const built = new Map<string, { event: HistoryEvent; item: WorkItem }>();
    const once = (id: string, n: number) => {
      const key = `${id}/${n}`;
      if (!built.has(key))
        built.set(key, {
          event: {
            ...scheduledEvent(id, 1, n),
            input: JSON.stringify({ tricky, n }),
          } as HistoryEvent,
          item: { ...activityExecute(id, 1, n), input: JSON.stringify([tricky, n]) },
        });
      return built.get(key)!;
    };
    const event = (id: string, n: number) => once(id, n).event;
    const item = (id: string, n: number) => once(id, n).item as WorkItemOfType<'ActivityExecute'>;
    const turn = (id: string, n: number) =>
      ack(1, { historyDelta: [event(id, n)], workerItems: [item(id, n)] });
    const ids = ['ft-m', 'ft-n', 'ft-o'];
    const tokens = await fetchedStarts(s.provider, ids);
    const now = Date.now();
    const first = (id: string) =>
      firstTurn(id, {
        historyDelta: [startedEvent(id), event(id, 2)],
        workerItems: [item(id, 2)],
        orchestratorItems: [],
      });
    // Two first turns batched, one alone; then two held steps batched, one alone.
    await Promise.all([
      s.ackTurn(tokens[0]!, first('ft-m'), now),
      s.ackTurn(tokens[1]!, first('ft-n'), now),
    ]);
    await s.ackTurn(tokens[2]!, first('ft-o'), now);
    await Promise.all([
      s.ackTurn(tokens[0]!, turn('ft-m', 3), now),
      s.ackTurn(tokens[1]!, turn('ft-n', 3), now),
    ]);
    await s.ackTurn(tokens[2]!, turn('ft-o', 3), now);
    // Four statements: each pair went as one (the recording names only the first-turn batch).
    assert.deepEqual(s.sent, ['batch', 'single', 'single', 'single']);
    const history = await adminQuery<{ instance_id: string; event_id: string; event_data: string }>(
      schemas.url(),
      `SELECT instance_id, event_id::text, event_data FROM "${s.provider.schema}".history
       WHERE event_id > 1 ORDER BY instance_id, event_id`,
    );
    assert.deepEqual(
      history.map((r) => [r.instance_id, r.event_data]),
      ids.flatMap((id) => [2, 3].map((n) => [id, JSON.stringify(event(id, n))])),
    );
    const queued = await adminQuery<{ instance_id: string; work_item: string }>(
      schemas.url(),
      `SELECT instance_id, work_item FROM "${s.provider.schema}".worker_queue
       ORDER BY instance_id, activity_id`,
    );
    assert.deepEqual(
      queued.map((r) => [r.instance_id, r.work_item]),
      ids.flatMap((id) => [2, 3].map((n) => [id, JSON.stringify(item(id, n))])),
    );
  });
});
