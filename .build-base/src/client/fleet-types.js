export {};
//# sourceMappingURL=fleet-types.js.map