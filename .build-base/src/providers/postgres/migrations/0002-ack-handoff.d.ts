/**
 * Migration 0002: the orchestration ack hands work straight back to its caller
 * (`OrchestrationAckOptions`, `OrchestrationAck.completedWorkItems`). IMMUTABLE once released.
 *
 * No table changes: `ack_orchestration_item` gains parameters and result columns, as a new
 * overload beside the 0001 one (PostgreSQL resolves a call by its argument list) — still one
 * round trip per ack. What it adds, in the function's order:
 * - completed work items: their worker rows are row-locked and every token must name a row
 *   whose lock is still valid, checked before anything is written ('work-lock-lost' otherwise,
 *   writing nothing); they are deleted with the batch, touching their sessions like
 *   `ackWorkItem` does;
 * - claimed worker items: inserted already locked (the caller's token, `p_w_locked_until`,
 *   attempt 1); unclaimed ones stay unlocked (NULL token, attempt 0);
 * - the instance lock is extended to `p_keep_until` instead of deleted when that is set, the
 *   ack does not end the execution and no orchestrator row of the instance is visible;
 * - the result reports whether the lock was kept and the instance row's `created_at`.
 *
 * It also adds `enqueue_start_if_absent`, the atomic "start unless it exists" of the client.
 *
 * Rolling upgrades: the 0001 overload stays, so nodes of an older build that are still running
 * keep committing turns (the columns they write are unchanged) while newer nodes migrate the
 * schema; a later migration may drop it once no such build can run.
 * @module
 */
import type { Migration } from './migration.js';
export declare const MIGRATION_0002_ACK_HANDOFF: Migration;
