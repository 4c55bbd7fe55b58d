/** Version of this duroxide-ts build, written on every history event (`duroxideVersion`). */
export const DUROXIDE_VERSION = '0.1.0';
/**
 * Format of the history this engine writes. A node replays executions recorded in this format
 * or older; it never fetches one recorded in a newer format (ADR 0005). Raise it when an engine
 * change makes old engines unable to replay new histories (a new event kind, changed matching).
 */
export const HISTORY_FORMAT = 1;
//# sourceMappingURL=version.js.map