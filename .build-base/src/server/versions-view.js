import { compareSemVer, parseSemVer } from '../core/versioning/semver.js';
import { effectivePolicy, fleetLatest, } from '../core/versioning/version-policy.js';
const STATUSES = ['Running', 'ContinuedAsNew', 'Completed', 'Failed'];
function policyVersions(policy, latest) {
    switch (policy.kind) {
        case 'pinned':
            return [policy.version];
        case 'ramp':
            return [policy.from, policy.to];
        case 'latest':
            return latest === undefined ? [] : [latest];
    }
}
/** Newest semver first; texts that are not semver (`unknown`) last. */
function byVersionDescending(a, b) {
    const sa = parseSemVer(a);
    const sb = parseSemVer(b);
    if (sa === null || sb === null)
        return sa === null ? (sb === null ? a.localeCompare(b) : 1) : -1;
    return compareSemVer(sb, sa);
}
async function summarise(client, name, nodes, policy) {
    const counts = new Map();
    for (const status of STATUSES) {
        for (const { key, count } of await client.countInstances({ name, status }, 'version')) {
            const row = counts.get(key) ?? {};
            row[status] = count;
            counts.set(key, row);
        }
    }
    const registering = nodes
        .filter((n) => n.isLive)
        .flatMap((n) => {
        const entry = n.orchestrations.find((o) => o.name === name);
        return entry === undefined
            ? []
            : [{ nodeId: n.nodeId, versions: entry.versions, defaultPolicy: entry.defaultPolicy }];
    });
    const effective = effectivePolicy(policy?.policy, registering);
    const needed = new Set(policyVersions(effective, fleetLatest(registering)));
    const versions = new Set([...counts.keys(), ...registering.flatMap((n) => n.versions)]);
    const rows = [...versions].sort(byVersionDescending).map((version) => {
        const byStatus = counts.get(version) ?? {};
        const nonTerminal = (byStatus['Running'] ?? 0) + (byStatus['ContinuedAsNew'] ?? 0);
        const liveNodes = registering.filter((n) => n.versions.includes(version)).map((n) => n.nodeId);
        const namedByPolicy = needed.has(version);
        return {
            version,
            counts: byStatus,
            nonTerminal,
            liveNodes,
            isStuck: nonTerminal > 0 && liveNodes.length === 0,
            namedByPolicy,
            isSafeToDeleteCode: nonTerminal === 0 && !namedByPolicy,
        };
    });
    return { orchestrationName: name, policy, versions: rows };
}
/** Every orchestration name seen in instances, on live nodes or in a stored policy. */
export async function buildCatalog(client) {
    const nodes = await client.listNodes();
    const policies = new Map((await client.listVersionPolicies()).map((p) => [p.orchestrationName, p]));
    const names = new Set();
    for (const { key } of await client.countInstances({}, 'name'))
        names.add(key);
    for (const n of nodes)
        for (const o of n.orchestrations)
            names.add(o.name);
    for (const name of policies.keys())
        names.add(name);
    const out = [];
    for (const name of [...names].sort())
        out.push(await summarise(client, name, nodes, policies.get(name) ?? null));
    return out;
}
/** Names with non-terminal instances on more than one version, or stuck instances. */
export async function buildUpgrades(client) {
    return (await buildCatalog(client)).filter((s) => s.versions.filter((v) => v.nonTerminal > 0).length > 1 || s.versions.some((v) => v.isStuck));
}
//# sourceMappingURL=versions-view.js.map