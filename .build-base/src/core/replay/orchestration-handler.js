export {};
//# sourceMappingURL=orchestration-handler.js.map