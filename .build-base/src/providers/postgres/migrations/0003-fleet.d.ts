import type { Migration } from './migration.js';
export declare const MIGRATION_0003_FLEET: Migration;
