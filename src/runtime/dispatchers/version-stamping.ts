/**
 * Decides the version of every execution a turn creates — sub-orchestrations, detached starts
 * and continue-as-new — on the node that runs the turn, and records it on the work item. The
 * node that later fetches the item never re-resolves it (ADR 0005).
 *
 * Continue-as-new, in order: the version the code asked for (`continueAsNewVersioned`); the
 * version an operator asked this instance to move to (`nextVersion`); the instance's sticky pin;
 * the fleet policy, never below the current version unless the policy allows downgrades.
 * @module
 */
import type { WorkItem } from '../../core/history/work-item.js';
import type { TurnResult } from '../../core/replay/turn-result.js';
import type { ExecutionMetadata } from '../../providers/provider.js';
import type { FleetView, SelfNode } from '../../client/fleet-view.js';

/** What the instance row says about version targets (from the fetched item). */
export interface InstanceVersionTargets {
  readonly versionPin: string | undefined;
  readonly nextVersion: string | undefined;
}

/** Metadata the stamping adds to the turn's ack. */
export type VersionMetadata = Pick<ExecutionMetadata, 'versionPin' | 'consumedNextVersion'>;

export interface VersionDecider {
  readonly fleet: FleetView;
  readonly self: SelfNode;
}

/**
 * Fills in the version of every new execution in `result.orchestratorItems` (in place) and
 * returns the pin changes to commit with the turn.
 */
export async function stampVersions(
  decider: VersionDecider,
  result: TurnResult,
  currentVersion: string,
  targets: InstanceVersionTargets,
): Promise<VersionMetadata> {
  const items = result.orchestratorItems;
  let metadata: VersionMetadata = {};
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.type === 'StartOrchestration' && item.version === undefined) {
      const { version } = await decider.fleet.resolve(item.orchestration, item.instance, {
        self: decider.self,
      });
      if (version !== undefined) items[i] = { ...item, version };
    } else if (item.type === 'ContinueAsNew') {
      const decided = await decideContinueAsNew(decider, item, currentVersion, targets);
      items[i] = { ...item, version: decided.version };
      metadata = decided.metadata;
    }
  }
  return metadata;
}

async function decideContinueAsNew(
  decider: VersionDecider,
  item: Extract<WorkItem, { type: 'ContinueAsNew' }>,
  currentVersion: string,
  targets: InstanceVersionTargets,
): Promise<{ version: string; metadata: VersionMetadata }> {
  const { versionPin, nextVersion } = targets;
  const movePin = (to: string): VersionMetadata =>
    versionPin !== undefined && versionPin !== to ? { versionPin: { value: to } } : {};
  if (item.version !== undefined) return { version: item.version, metadata: movePin(item.version) };
  if (nextVersion !== undefined) {
    return {
      version: nextVersion,
      metadata: { ...movePin(nextVersion), consumedNextVersion: nextVersion },
    };
  }
  if (versionPin !== undefined) return { version: versionPin, metadata: {} };
  const { version } = await decider.fleet.resolve(item.orchestration, item.instance, {
    self: decider.self,
    currentVersion,
  });
  return { version: version ?? currentVersion, metadata: {} };
}
