/**
 * The opaque cursor of the paged instance query, shared by every provider so a cursor means the
 * same thing everywhere: a version tag plus the base64url JSON of the last item's sort key
 * (`createdAt` desc, then `instanceId`).
 * @module
 */
import { InvalidInputError } from '../../core/errors/duroxide-error.js';
/** Largest page of the instance query. */
export const MAX_QUERY_LIMIT = 1000;
const CURSOR_VERSION = 'c1.';
function toBase64Url(text) {
    let binary = '';
    for (const byte of new TextEncoder().encode(text))
        binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromBase64Url(body) {
    const binary = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
export function encodeCursor(position) {
    return CURSOR_VERSION + toBase64Url(JSON.stringify([position.createdAt, position.instanceId]));
}
/** @throws InvalidInputError for anything that is not a cursor this code produced. */
export function decodeCursor(cursor) {
    const malformed = () => new InvalidInputError(`cursor ${JSON.stringify(cursor.length > 80 ? `${cursor.slice(0, 80)}…` : cursor)} is malformed; ` +
        'pass the nextCursor of a previous page unchanged, or omit it for the first page');
    if (!cursor.startsWith(CURSOR_VERSION))
        throw malformed();
    const body = cursor.slice(CURSOR_VERSION.length);
    if (!/^[A-Za-z0-9_-]+$/.test(body))
        throw malformed();
    let decoded;
    try {
        decoded = JSON.parse(fromBase64Url(body));
    }
    catch {
        throw malformed();
    }
    if (!Array.isArray(decoded) ||
        decoded.length !== 2 ||
        !Number.isSafeInteger(decoded[0]) ||
        typeof decoded[1] !== 'string') {
        throw malformed();
    }
    return { createdAt: decoded[0], instanceId: decoded[1] };
}
//# sourceMappingURL=instance-cursor.js.map