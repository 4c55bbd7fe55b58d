/**
 * Semantic versions of orchestrations. Only `MAJOR.MINOR.PATCH` with an optional
 * pre-release is accepted; comparison follows semver precedence.
 * @module
 */
export interface SemVer {
    readonly major: number;
    readonly minor: number;
    readonly patch: number;
    readonly prerelease: readonly (string | number)[];
}
/** Parses a semver string, or returns `null` when it is not one. */
export declare function parseSemVer(text: string): SemVer | null;
/** Negative when a < b, positive when a > b, zero when equal in precedence. */
export declare function compareSemVer(a: SemVer, b: SemVer): number;
export declare function formatSemVer(v: SemVer): string;
/** The version `registerOrchestration(name, fn)` registers. */
export declare const DEFAULT_VERSION = "1.0.0";
