/**
 * Fills in the version of every new execution in `result.orchestratorItems` (in place) and
 * returns the pin changes to commit with the turn.
 */
export async function stampVersions(decider, result, currentVersion, targets) {
    const items = result.orchestratorItems;
    let metadata = {};
    for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (item.type === 'StartOrchestration' && item.version === undefined) {
            const { version } = await decider.fleet.resolve(item.orchestration, item.instance, {
                self: decider.self,
            });
            if (version !== undefined)
                items[i] = { ...item, version };
        }
        else if (item.type === 'ContinueAsNew') {
            const decided = await decideContinueAsNew(decider, item, currentVersion, targets);
            items[i] = { ...item, version: decided.version };
            metadata = decided.metadata;
        }
    }
    return metadata;
}
async function decideContinueAsNew(decider, item, currentVersion, targets) {
    const { versionPin, nextVersion } = targets;
    const movePin = (to) => versionPin !== undefined && versionPin !== to ? { versionPin: { value: to } } : {};
    if (item.version !== undefined)
        return { version: item.version, metadata: movePin(item.version) };
    if (nextVersion !== undefined) {
        return {
            version: nextVersion,
            metadata: { ...movePin(nextVersion), consumedNextVersion: nextVersion },
        };
    }
    if (versionPin !== undefined)
        return { version: versionPin, metadata: {} };
    const { version } = await decider.fleet.resolve(item.orchestration, item.instance, {
        self: decider.self,
        currentVersion,
    });
    return { version: version ?? currentVersion, metadata: {} };
}
//# sourceMappingURL=version-stamping.js.map