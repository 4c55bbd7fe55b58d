/**
 * Migration 0005: fleet-safe versioning (docs/versioning.md). IMMUTABLE once released.
 *
 * - `version_policies`: one row per orchestration name ever given a policy; `policy` is the
 *   JSON of a `StoredVersionPolicy`, NULL once cleared. The row stays when cleared so
 *   `revision` keeps counting across clears.
 * - `audit_log`: operator actions, newest = largest `id`; listed newest first, per target.
 * - `nodes`: what each runtime announces about itself (heartbeat), `orchestrations` and
 *   `activities` as JSON arrays.
 * - `instances` gains the sticky pin (`version_pin`), the operator's next-version request
 *   (`next_version`) and the current execution's history format (`history_format`, NULL = 1,
 *   rows written before this migration). Added columns are NULL on existing rows: no rewrite.
 * @module
 */
import type { Migration } from './migration.js';
export declare const MIGRATION_0005_FLEET: Migration;
