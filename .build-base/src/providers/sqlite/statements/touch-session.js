/**
 * Best effort and owner-agnostic: an activity keeps its own lock even after its session moved
 * to another owner, and its progress still counts as activity on the session. An expired lease
 * is left alone, so a late ack never revives a session another worker may claim.
 */
export function prepareTouchSession(db) {
    const touch = db.prepare('UPDATE sessions SET last_activity_at = @now WHERE session_id = @sessionId AND locked_until > @now');
    return (sessionId, now) => {
        touch.run({ sessionId, now });
    };
}
//# sourceMappingURL=touch-session.js.map