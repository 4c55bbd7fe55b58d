import type { ProviderWith } from '../providers/provider.js';
import { type FleetView } from './fleet-view.js';
import type { AuditEntryOptions, AuditPage, AuditQueryOptions, ChangeOptions, InstanceVersionOptions, ListNodesOptions, NodeInfo, RestartInstanceOptions, RestartInstanceResult, ResumeInstanceOptions, ResumeInstanceResult, SetVersionPolicyOptions, VersionPolicyInfo, VersionPolicyInput } from './fleet-types.js';
export declare class FleetManagement {
    #private;
    constructor(provider: ProviderWith<'fleet'>, fleet: FleetView, maxPayloadBytes: number);
    setVersionPolicy(name: string, input: VersionPolicyInput, opts?: SetVersionPolicyOptions): Promise<VersionPolicyInfo>;
    clearVersionPolicy(name: string, opts?: ChangeOptions): Promise<void>;
    getVersionPolicy(name: string): Promise<VersionPolicyInfo | null>;
    listVersionPolicies(): Promise<VersionPolicyInfo[]>;
    listNodes(opts?: ListNodesOptions): Promise<NodeInfo[]>;
    appendAuditEntry(action: string, target: string, opts?: AuditEntryOptions): Promise<void>;
    listAuditLog(query?: AuditQueryOptions): Promise<AuditPage>;
    /** Sticky pin: the instance keeps `version` (default: its current one) across continue-as-new. */
    pinInstanceVersion(instanceId: string, opts?: InstanceVersionOptions & {
        readonly version?: string;
    }): Promise<string>;
    unpinInstanceVersion(instanceId: string, opts?: ChangeOptions): Promise<void>;
    /** The instance's next continue-as-new runs `version` (once; a pinned instance's pin moves too). */
    moveInstanceToVersion(instanceId: string, target: string, opts?: InstanceVersionOptions): Promise<void>;
    resumeInstance(instanceId: string, opts?: ResumeInstanceOptions): Promise<ResumeInstanceResult>;
    restartInstance(instanceId: string, opts?: RestartInstanceOptions): Promise<RestartInstanceResult>;
}
