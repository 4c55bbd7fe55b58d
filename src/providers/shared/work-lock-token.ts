/**
 * Worker lock tokens that name their holder. A token is a random UUID, followed by `@<owner>`
 * when the fetch or claim gave a `lockOwner` (a node id), so `OperatorStore.listWorkItems` can
 * say who holds a lock without another column or statement on the fetch and ack paths. Only the
 * provider that made a token reads it; callers treat tokens as opaque.
 * @module
 */

/** Length of a UUID in its canonical text form. */
const UUID_LENGTH = 36;

/** The lock token for a fresh `uuid`, naming `owner` when given. */
export function workLockToken(uuid: string, owner: string | undefined): string {
  return owner === undefined || owner === '' ? uuid : `${uuid}@${owner}`;
}

/** The owner named by a token made by {@link workLockToken}; undefined when it names none. */
export function lockOwnerOf(token: string): string | undefined {
  return token.length > UUID_LENGTH + 1 && token[UUID_LENGTH] === '@'
    ? token.slice(UUID_LENGTH + 1)
    : undefined;
}
