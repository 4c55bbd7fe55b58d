export const EXECUTION_STATUSES = [
    'Running',
    'Completed',
    'Failed',
    'ContinuedAsNew',
];
export const INSTANCE_COUNT_GROUP_BYS = [
    'status',
    'name',
    'version',
];
//# sourceMappingURL=provider-records.js.map