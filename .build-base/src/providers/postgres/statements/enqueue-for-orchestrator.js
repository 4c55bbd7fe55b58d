import { targetInstance } from '../../../core/history/work-item.js';
import { encodeSignals } from '../notify/signal-payload.js';
import { table } from './statement-context.js';
/**
 * `TimerFired` becomes visible at its `fireAt` (the delay is ignored for timers); everything
 * else at `now + delayMs`. One statement: the INSERT and the NOTIFY commit together. Never
 * creates instance rows.
 */
export function prepareEnqueueForOrchestrator(ctx) {
    const sql = `
    WITH inserted AS (
      INSERT INTO ${table(ctx, 'orchestrator_queue')} (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
      VALUES ($1, $2, $3, $4, 0, $5)
      RETURNING visible_at)
    SELECT pg_notify($6, $7) FROM inserted`;
    return async (db, item, delayMs, now) => {
        const visibleAt = item.type === 'TimerFired' ? Math.max(item.fireAt, 0) : now + Math.max(delayMs ?? 0, 0);
        const payload = encodeSignals(ctx.origin, { orchestratorVisibleAt: visibleAt });
        await db.query(sql, [
            targetInstance(item),
            item.type,
            JSON.stringify(item),
            visibleAt,
            now,
            ctx.schema.channel,
            payload,
        ], true);
        return visibleAt;
    };
}
//# sourceMappingURL=enqueue-for-orchestrator.js.map