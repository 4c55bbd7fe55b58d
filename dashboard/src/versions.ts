/** Which version an orchestration's policy steers instances to (for the "older than policy" badge). */
import type { OrchestrationSummary } from './api/types.js';
import { compareVersions } from './format.js';

/**
 * The version new executions go to: the pinned version, the ramp's target, or (latest / no
 * policy) the newest version a live node registers, else the newest version seen.
 */
export function policyTarget(summary: OrchestrationSummary | undefined): string | undefined {
  if (summary === undefined) return undefined;
  const policy = summary.policy?.policy;
  if (policy?.kind === 'pinned') return policy.version;
  if (policy?.kind === 'ramp') return policy.to;
  const newest = (versions: readonly string[]): string | undefined =>
    [...versions].sort(compareVersions).at(-1);
  const live = summary.versions.filter((v) => v.liveNodes.length > 0).map((v) => v.version);
  return newest(live.length > 0 ? live : summary.versions.map((v) => v.version));
}

export function isOlder(version: string, target: string | undefined): boolean {
  return target !== undefined && compareVersions(version, target) < 0;
}

export function describePolicy(summary: OrchestrationSummary): string {
  const p = summary.policy?.policy;
  if (p === undefined) return 'none (latest)';
  if (p.kind === 'latest') return 'latest';
  if (p.kind === 'pinned') return `pinned ${p.version}`;
  return `ramp ${p.from} → ${p.to} at ${p.percent} %`;
}
