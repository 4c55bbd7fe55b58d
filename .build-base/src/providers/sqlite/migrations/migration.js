/**
 * Shape of one schema migration.
 * @module
 */
export {};
//# sourceMappingURL=migration.js.map