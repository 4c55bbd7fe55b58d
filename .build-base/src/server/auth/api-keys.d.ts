export declare const API_KEY_ROLES: {
    readonly viewer: "viewer";
    readonly operator: "operator";
    readonly admin: "admin";
};
/** viewer reads; operator also acts on instances; admin also changes version policies. */
export type ApiKeyRole = (typeof API_KEY_ROLES)[keyof typeof API_KEY_ROLES];
export declare function roleAllows(role: ApiKeyRole, needed: ApiKeyRole): boolean;
/** What the server stores about a key: no secret. */
export interface ApiKeyRecord {
    /** Shown as the actor in the audit log. */
    readonly name: string;
    readonly role: ApiKeyRole;
    /** The key's public part, used to find its record. */
    readonly prefix: string;
    /** `scrypt:<salt base64url>:<hash base64url>` of the key's secret. */
    readonly hash: string;
    /** Epoch ms after which the key is refused. */
    readonly expiresAt?: number;
}
/**
 * Creates a key: the secret `key` to hand to its user (shown once) and the `record` to give
 * the server.
 * @throws InvalidInputError for a malformed name or role, or an `expiresAt` in the past.
 * @example
 * const { key, record } = await createApiKey('ci', 'operator');
 */
export declare function createApiKey(name: string, role: ApiKeyRole, options?: {
    readonly expiresAt?: number;
}): Promise<{
    key: string;
    record: ApiKeyRecord;
}>;
/**
 * Validates key records, e.g. parsed from `DUROXIDE_API_KEYS` (a JSON array).
 * @throws InvalidInputError naming the first bad record, or on duplicate names or prefixes.
 */
export declare function parseApiKeyRecords(value: unknown): ApiKeyRecord[];
/** Checks presented keys against the records; verified keys are remembered per verifier. */
export declare class ApiKeyVerifier {
    #private;
    constructor(records: readonly ApiKeyRecord[]);
    get size(): number;
    /**
     * The record of a presented key.
     * @throws DuroxideError (UNAUTHENTICATED) for a malformed, unknown, wrong or expired key.
     */
    verify(presented: string, now: number): Promise<ApiKeyRecord>;
}
