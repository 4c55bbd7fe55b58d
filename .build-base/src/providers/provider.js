export { EXECUTION_STATUSES, INSTANCE_COUNT_GROUP_BYS } from './provider-records.js';
export const PROVIDER_CAPABILITIES = [
    'localActivityHandoff',
    'sessions',
    'management',
    'fleet',
    'crossProcessSignals',
];
/** Method names of each capability group, for checking a provider's declaration. */
export const CAPABILITY_METHOD_NAMES = {
    localActivityHandoff: [],
    sessions: ['renewSessionLocks', 'cleanupOrphanedSessions'],
    management: [
        'deleteInstances',
        'getInstanceTree',
        'deleteInstanceBulk',
        'pruneExecutions',
        'pruneExecutionsBulk',
        'getSystemMetrics',
        'getQueueDepths',
        'getOrchestrationStats',
        'queryInstances',
        'countInstances',
    ],
    fleet: [
        'setVersionPolicy',
        'getVersionPolicy',
        'listVersionPolicies',
        'appendAudit',
        'listAudit',
        'heartbeatNode',
        'removeNode',
        'listNodes',
        'pruneNodes',
        'setInstanceVersion',
    ],
    crossProcessSignals: [],
};
//# sourceMappingURL=provider.js.map