/**
 * One `BEGIN IMMEDIATE` transaction: update the instance row (a field absent from the change
 * keeps its value, null clears it), then — only when the row exists — append the audit
 * entry. `updated_at` is left alone: it tracks the orchestration's progress, not operators.
 */
export function prepareSetInstanceVersion(db, audit) {
    const update = db.prepare(`UPDATE instances
     SET version_pin = CASE WHEN @hasPin = 1 THEN @pin ELSE version_pin END,
         next_version = CASE WHEN @hasNext = 1 THEN @next ELSE next_version END
     WHERE instance_id = @instanceId`);
    const tx = db.transaction((instanceId, change, entry) => {
        const changed = update.run({
            instanceId,
            hasPin: change.versionPin === undefined ? 0 : 1,
            pin: change.versionPin ?? null,
            hasNext: change.nextVersion === undefined ? 0 : 1,
            next: change.nextVersion ?? null,
        }).changes;
        if (changed === 0)
            return false;
        audit.append(entry);
        return true;
    });
    return (instanceId, change, entry) => tx.immediate(instanceId, change, entry);
}
//# sourceMappingURL=set-instance-version.js.map