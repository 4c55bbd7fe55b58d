/**
 * API keys of the management server. A key is `dxk_<prefix>_<secret>`; the server is given
 * only records (`name`, `role`, `prefix`, scrypt `hash`, optional `expiresAt`), never secrets,
 * so they can live in configuration or the `DUROXIDE_API_KEYS` environment variable without a
 * store change (docs/decisions/0007-management-server.md). Revoking a key is removing its
 * record.
 * @module
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { DuroxideError, ERROR_CODES, InvalidInputError } from '../../core/errors/duroxide-error.js';
export const API_KEY_ROLES = { viewer: 'viewer', operator: 'operator', admin: 'admin' };
const RANK = { viewer: 0, operator: 1, admin: 2 };
export function roleAllows(role, needed) {
    return RANK[role] >= RANK[needed];
}
const KEY_PATTERN = /^dxk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const NAME_PATTERN = /^[A-Za-z0-9._@:-]{1,64}$/;
const KEY_LENGTH = 32;
function scryptAsync(secret, salt) {
    return new Promise((resolve, reject) => {
        scrypt(secret, salt, KEY_LENGTH, (error, derived) => error === null ? resolve(derived) : reject(error));
    });
}
/**
 * Creates a key: the secret `key` to hand to its user (shown once) and the `record` to give
 * the server.
 * @throws InvalidInputError for a malformed name or role, or an `expiresAt` in the past.
 * @example
 * const { key, record } = await createApiKey('ci', 'operator');
 */
export async function createApiKey(name, role, options = {}) {
    const record = {
        name,
        role,
        prefix: 'x',
        hash: 'x',
        ...(options.expiresAt !== undefined ? { expiresAt: options.expiresAt } : {}),
    };
    requireRecordShape(record, 0);
    if (options.expiresAt !== undefined && options.expiresAt <= Date.now()) {
        throw new InvalidInputError(`expiresAt ${options.expiresAt} is in the past; give a future epoch-ms time`);
    }
    const prefix = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const salt = randomBytes(16);
    const hash = `scrypt:${salt.toString('base64url')}:${(await scryptAsync(secret, salt)).toString('base64url')}`;
    return { key: `dxk_${prefix}_${secret}`, record: { ...record, prefix, hash } };
}
function requireRecordShape(value, index) {
    const where = `API key record ${index}`;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new InvalidInputError(`${where} must be an object`);
    const r = value;
    for (const key of Object.keys(r)) {
        if (!['name', 'role', 'prefix', 'hash', 'expiresAt'].includes(key))
            throw new InvalidInputError(`${where} has an unknown field '${key}'`);
    }
    if (typeof r['name'] !== 'string' || !NAME_PATTERN.test(r['name'])) {
        throw new InvalidInputError(`${where}: name must be 1-64 letters, digits or ._@:- characters, got ${JSON.stringify(r['name'])}`);
    }
    if (typeof r['role'] !== 'string' || !Object.hasOwn(API_KEY_ROLES, r['role'])) {
        throw new InvalidInputError(`${where} ('${r['name']}'): role must be viewer, operator or admin, got ${JSON.stringify(r['role'])}`);
    }
    if (typeof r['prefix'] !== 'string' || typeof r['hash'] !== 'string')
        throw new InvalidInputError(`${where} ('${r['name']}') needs prefix and hash strings`);
    if (r['expiresAt'] !== undefined &&
        (typeof r['expiresAt'] !== 'number' || !Number.isSafeInteger(r['expiresAt']))) {
        throw new InvalidInputError(`${where} ('${r['name']}'): expiresAt must be epoch milliseconds`);
    }
    return r;
}
/**
 * Validates key records, e.g. parsed from `DUROXIDE_API_KEYS` (a JSON array).
 * @throws InvalidInputError naming the first bad record, or on duplicate names or prefixes.
 */
export function parseApiKeyRecords(value) {
    if (!Array.isArray(value))
        throw new InvalidInputError('API keys must be a JSON array of records {name, role, prefix, hash, expiresAt?}');
    const records = value.map((v, i) => requireRecordShape(v, i));
    for (const [i, r] of records.entries()) {
        if (!/^[0-9a-f]{12}$/.test(r.prefix) ||
            !/^scrypt:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/.test(r.hash)) {
            throw new InvalidInputError(`API key record ${i} ('${r.name}') has a malformed prefix or hash; create keys with \`duroxide keys create\``);
        }
        if (records.findIndex((o) => o.name === r.name || o.prefix === r.prefix) !== i) {
            throw new InvalidInputError(`API key record ${i} ('${r.name}') repeats the name or prefix of an earlier record`);
        }
    }
    return records;
}
function unauthenticated(detail) {
    return new DuroxideError(ERROR_CODES.UNAUTHENTICATED, detail);
}
/** Checks presented keys against the records; verified keys are remembered per verifier. */
export class ApiKeyVerifier {
    #byPrefix;
    #verified = new Map();
    constructor(records) {
        this.#byPrefix = new Map(parseApiKeyRecords(records).map((r) => [r.prefix, r]));
    }
    get size() {
        return this.#byPrefix.size;
    }
    /**
     * The record of a presented key.
     * @throws DuroxideError (UNAUTHENTICATED) for a malformed, unknown, wrong or expired key.
     */
    async verify(presented, now) {
        const m = KEY_PATTERN.exec(presented);
        if (m === null)
            throw unauthenticated('the API key is malformed; keys look like dxk_<12 hex>_<43 characters>');
        const record = this.#byPrefix.get(m[1]);
        if (record === undefined)
            throw unauthenticated('the API key is not known to this server (revoked or never created)');
        if (record.expiresAt !== undefined && record.expiresAt <= now)
            throw unauthenticated(`the API key '${record.name}' expired at ${new Date(record.expiresAt).toISOString()}`);
        if (this.#verified.get(presented) === record)
            return record;
        const [, salt, hash] = record.hash.split(':');
        const expected = Buffer.from(hash, 'base64url');
        const actual = await scryptAsync(m[2], Buffer.from(salt, 'base64url'));
        if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
            throw unauthenticated('the API key is not valid');
        if (this.#verified.size > 1000)
            this.#verified.clear();
        this.#verified.set(presented, record);
        return record;
    }
}
//# sourceMappingURL=api-keys.js.map