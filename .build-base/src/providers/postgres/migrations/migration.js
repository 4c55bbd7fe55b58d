/**
 * Shape of one PostgreSQL schema migration.
 * @module
 */
export {};
//# sourceMappingURL=migration.js.map