/**
 * The management API's request and response schemas (zod). The routes validate with them and
 * the OpenAPI 3.1 document at `/api/v1/openapi.json` is generated from them, so the two cannot
 * drift. JSON field names are exactly the Client's (docs/management-api.md).
 * @module
 */
import { z } from '@hono/zod-openapi';

const EXECUTION_STATUS = z.enum(['Running', 'Completed', 'Failed', 'ContinuedAsNew']);
/** Query parameters arrive as text: numbers are decimal integers. */
const intParam = (what: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/, `${what} must be a non-negative decimal integer`)
    .openapi({
      description: `${what}: a decimal integer${what.endsWith('From') || what.endsWith('To') ? ' (epoch ms)' : ''}`,
    })
    .transform((s) => Number(s));
const boolParam = z.enum(['true', 'false']).transform((s) => s === 'true');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://duroxide.dev/errors/INSTANCE_NOT_FOUND' }),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ example: 'INSTANCE_NOT_FOUND' }),
    detail: z.string(),
    context: z.record(z.string(), z.unknown()).optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export const InstanceIdParams = z.strictObject({
  instanceId: z
    .string()
    .min(1)
    .max(256)
    .openapi({ param: { name: 'instanceId', in: 'path' }, example: 'order-1' }),
});
export const NameParams = z.strictObject({
  orchestrationName: z
    .string()
    .min(1)
    .max(256)
    .openapi({ param: { name: 'orchestrationName', in: 'path' }, example: 'OrderFlow' }),
});

// ------------------------------------------------------------------ instances

export const InstanceInfoSchema = z
  .object({
    instanceId: z.string(),
    orchestrationName: z.string(),
    orchestrationVersion: z.string(),
    currentExecutionId: z.number().int(),
    status: EXECUTION_STATUS,
    output: z.unknown().optional(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    parentInstanceId: z.string().optional(),
    customStatus: z.unknown().optional(),
    customStatusVersion: z.number().int(),
    versionPin: z.string().optional(),
    nextVersion: z.string().optional(),
  })
  .openapi('InstanceInfo');

const FILTER_FIELDS = {
  status: EXECUTION_STATUS.optional(),
  name: z.string().min(1).optional(),
  version: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: "exact ('1.0.2') or a pattern ('1.0.x', '1.x')" }),
  createdFrom: intParam('createdFrom').optional(),
  createdTo: intParam('createdTo').optional(),
  updatedFrom: intParam('updatedFrom').optional(),
  updatedTo: intParam('updatedTo').optional(),
  parentInstanceId: z.string().min(1).optional(),
  idPrefix: z.string().min(1).optional(),
};

export const InstanceListQuery = z.strictObject({
  ...FILTER_FIELDS,
  limit: intParam('limit').optional(),
  cursor: z.string().min(1).optional(),
});
export const InstanceFacetQuery = z.strictObject({
  ...FILTER_FIELDS,
  groupBy: z.enum(['status', 'name', 'version']),
});

export const InstancePageSchema = z
  .object({ items: z.array(InstanceInfoSchema), nextCursor: z.string().nullable() })
  .openapi('InstancePage');
const InstanceCountSchema = z
  .object({ key: z.string(), count: z.number().int() })
  .openapi('InstanceCount');
export const InstanceFacetsSchema = z
  .object({ items: z.array(InstanceCountSchema) })
  .openapi('InstanceFacets');

const ExecutionInfoSchema = z
  .object({
    executionId: z.number().int(),
    orchestrationName: z.string().optional(),
    orchestrationVersion: z.string().optional(),
    status: EXECUTION_STATUS,
    output: z.unknown().optional(),
    startedAt: z.number().int(),
    completedAt: z.number().int().optional(),
    eventCount: z.number().int(),
  })
  .openapi('ExecutionInfo');

const OrchestrationStatsSchema = z
  .object({
    historyEventCount: z.number().int(),
    historySizeBytes: z.number().int(),
    queuePendingCount: z.number().int(),
    kvUserKeyCount: z.number().int(),
    kvTotalValueBytes: z.number().int(),
  })
  .openapi('OrchestrationStats');

const WaitingOnSchema = z
  .object({
    activities: z.array(
      z.object({
        eventId: z.number().int(),
        name: z.string(),
        scheduledAt: z.number().int(),
        attemptCount: z.number().int().nullable().openapi({
          description:
            'fetches of its work item so far (0: queued, never fetched); null when no work item is queued (its result is on the way)',
        }),
        isLocked: z.boolean().openapi({ description: 'a worker holds it now' }),
        lockOwner: z
          .string()
          .nullable()
          .openapi({ description: 'node id of the worker holding it, when known' }),
        lockedUntil: z.number().int().nullable().openapi({ description: 'lock expiry (epoch ms)' }),
      }),
    ),
    timers: z.array(z.object({ eventId: z.number().int(), fireAt: z.number().int() })),
    events: z.array(z.object({ eventId: z.number().int(), name: z.string() })),
    queues: z.array(z.object({ eventId: z.number().int(), name: z.string() })),
    children: z.array(
      z.object({ eventId: z.number().int(), name: z.string(), instanceId: z.string() }),
    ),
  })
  .openapi('WaitingOn');

const TimelineSpanSchema = z
  .object({
    eventId: z.number().int(),
    kind: z.enum(['activity', 'timer', 'event', 'queue', 'subOrchestration']),
    name: z.string().optional(),
    instanceId: z.string().optional(),
    fireAt: z.number().int().optional(),
    startedAt: z.number().int(),
    endedAt: z.number().int().optional(),
    outcome: z.enum(['open', 'completed', 'failed', 'cancelled']),
  })
  .openapi('TimelineSpan');
export const TimelineSchema = z
  .object({ executionId: z.number().int(), items: z.array(TimelineSpanSchema) })
  .openapi('Timeline');
export const ExecutionQuery = z.strictObject({ executionId: intParam('executionId').optional() });

export const InstanceStatusSchema = z
  .object({
    instanceId: z.string(),
    status: z.enum(['Pending', 'Running', 'Completed', 'Failed']).openapi({
      description:
        'Pending: a runtime took the queued start and left it (none of the runtimes that tried it registers the orchestration, or its first turn failed and waits for a retry); a start no runtime has taken yet is a 404 (docs/decisions/0015-pending-status.md)',
    }),
    output: z.unknown().optional().openapi({ description: 'Completed: the output' }),
    error: z.string().optional().openapi({ description: 'Failed: the error message' }),
    customStatus: z.unknown().optional(),
    customStatusVersion: z.number().int(),
  })
  .openapi('InstanceStatus');

export const InstanceDetailSchema = z
  .object({
    instance: InstanceInfoSchema,
    waitingOn: WaitingOnSchema.openapi({
      description: "derived from the current execution's history; empty once it finished",
    }),
    /** Newest first, at most 100. */
    executions: z.array(ExecutionInfoSchema),
    executionCount: z.number().int(),
    stats: OrchestrationStatsSchema.nullable(),
  })
  .openapi('InstanceDetail');

export const HistoryQuery = z.strictObject({
  executionId: intParam('executionId').optional(),
  limit: intParam('limit').optional(),
  cursor: z.string().min(1).optional(),
});
export const HistoryEventSchema = z
  .object({
    eventId: z.number().int(),
    kind: z.string(),
    sourceEventId: z.number().int().optional(),
    timestampMs: z.number().int(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('HistoryEvent');
export const HistoryPageSchema = z
  .object({
    executionId: z.number().int(),
    items: z.array(HistoryEventSchema),
    nextCursor: z.string().nullable(),
  })
  .openapi('HistoryPage');

export const InstanceTreeSchema = z
  .object({ rootId: z.string(), allIds: z.array(z.string()), size: z.number().int() })
  .openapi('InstanceTree');
export const KvSchema = z
  .object({ values: z.record(z.string(), z.unknown()) })
  .openapi('InstanceKv');

export const StartBody = z
  .strictObject({
    orchestrationName: z.string().min(1).max(256),
    instanceId: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .openapi({ description: 'default: a random UUID' }),
    input: z.unknown().optional(),
    version: z.string().min(1).optional(),
    pinVersion: z.boolean().optional(),
  })
  .openapi('StartRequest');
export const AcceptedSchema = z
  .object({ instanceId: z.string(), accepted: z.literal(true) })
  .openapi('Accepted');

export const RaiseEventBody = z
  .strictObject({ eventName: z.string().min(1).max(256), data: z.unknown().optional() })
  .openapi('RaiseEventRequest');
export const EnqueueBody = z
  .strictObject({ queueName: z.string().min(1).max(256), data: z.unknown().optional() })
  .openapi('EnqueueRequest');
export const CancelBody = z
  .strictObject({ reason: z.string().min(1).max(1024).optional() })
  .openapi('CancelRequest');
export const ResumeBody = z
  .strictObject({
    version: z.string().min(1).optional(),
    reason: z.string().min(1).max(1024).optional(),
    timeoutMs: z.number().int().min(0).max(300_000).optional(),
  })
  .openapi('ResumeRequest');
export const ResumeResultSchema = z
  .object({
    requestId: z.string(),
    outcome: z.enum(['resumed', 'queued']),
    version: z.string().optional(),
  })
  .openapi('ResumeResult');
export const RestartBody = z
  .strictObject({
    version: z.string().min(1).optional(),
    input: z.unknown().optional(),
    reason: z.string().min(1).max(1024).optional(),
    timeoutMs: z.number().int().min(0).max(300_000).optional(),
  })
  .openapi('RestartRequest');
export const RestartResultSchema = z
  .object({
    requestId: z.string(),
    outcome: z.enum(['restarted', 'queued']),
    executionId: z.number().int().optional(),
    version: z.string().optional(),
  })
  .openapi('RestartResult');
export const DeleteQuery = z.strictObject({ force: boolParam.optional() });
export const DeleteResultSchema = z
  .object({
    instancesDeleted: z.number().int(),
    executionsDeleted: z.number().int(),
    eventsDeleted: z.number().int(),
    queueMessagesDeleted: z.number().int(),
  })
  .openapi('DeleteInstanceResult');
export const PruneBody = z
  .strictObject({
    keepLast: z.number().int().min(0).optional(),
    completedBefore: z.number().int().min(0).optional(),
  })
  .openapi('PruneRequest');
export const PruneResultSchema = z
  .object({
    instancesProcessed: z.number().int(),
    executionsDeleted: z.number().int(),
    eventsDeleted: z.number().int(),
  })
  .openapi('PruneResult');
export const InstanceVersionBody = z
  .strictObject({
    action: z.enum(['pin', 'unpin', 'move']),
    version: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'pin: default the current version; move: required' }),
    force: z.boolean().optional(),
    reason: z.string().min(1).max(1024).optional(),
  })
  .openapi('InstanceVersionRequest');

// ------------------------------------------------------------------ fleet

const PolicySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('latest') }),
    z.strictObject({
      kind: z.literal('pinned'),
      version: z.string().min(1),
      allowDowngrade: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal('ramp'),
      from: z.string().min(1),
      to: z.string().min(1),
      percent: z.number(),
    }),
  ])
  .openapi('VersionPolicy');
export const VersionPolicyInfoSchema = z
  .object({
    orchestrationName: z.string(),
    policy: PolicySchema,
    updatedAt: z.number().int(),
    updatedBy: z.string().optional(),
    reason: z.string().optional(),
    revision: z.number().int(),
  })
  .openapi('VersionPolicyInfo');
export const PolicyListSchema = z
  .object({ items: z.array(VersionPolicyInfoSchema) })
  .openapi('VersionPolicyList');
export const SetPolicyBody = z
  .strictObject({
    policy: PolicySchema,
    force: z.boolean().optional(),
    reason: z.string().min(1).max(1024).optional(),
  })
  .openapi('SetVersionPolicyRequest');
export const ClearPolicyQuery = z.strictObject({ reason: z.string().min(1).max(1024).optional() });

const NodeInfoSchema = z
  .object({
    nodeId: z.string(),
    host: z.string(),
    pid: z.number().int(),
    duroxideVersion: z.string(),
    historyFormat: z.number().int(),
    startedAt: z.number().int(),
    lastSeenAt: z.number().int(),
    heartbeatIntervalMs: z.number().int(),
    orchestrations: z.array(
      z.object({
        name: z.string(),
        versions: z.array(z.string()),
        defaultPolicy: PolicySchema.optional(),
      }),
    ),
    activities: z.array(z.string()),
    isLive: z.boolean(),
  })
  .openapi('NodeInfo');
export const NodeListQuery = z.strictObject({ includeStale: boolParam.optional() });
export const NodeListSchema = z.object({ items: z.array(NodeInfoSchema) }).openapi('NodeList');

export const AuditQuery = z.strictObject({
  target: z.string().min(1).max(1024).optional(),
  limit: intParam('limit').optional(),
  cursor: z.string().min(1).optional(),
});
const AuditEntrySchema = z
  .object({
    auditId: z.number().int(),
    at: z.number().int(),
    actor: z.string().optional(),
    action: z.string(),
    target: z.string(),
    reason: z.string().optional(),
    details: z.unknown(),
  })
  .openapi('AuditEntry');
export const AuditPageSchema = z
  .object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() })
  .openapi('AuditPage');

// ------------------------------------------------------------------ versions and upgrades

const VersionRowSchema = z
  .object({
    version: z.string(),
    counts: z
      .record(z.string(), z.number().int())
      .openapi({ description: 'instances by status of their current execution' }),
    nonTerminal: z.number().int(),
    liveNodes: z
      .array(z.string())
      .openapi({ description: 'ids of live nodes registering this version' }),
    isStuck: z
      .boolean()
      .openapi({ description: 'non-terminal instances on a version no live node registers' }),
    namedByPolicy: z.boolean(),
    isSafeToDeleteCode: z.boolean(),
  })
  .openapi('VersionRow');
const OrchestrationSummarySchema = z
  .object({
    orchestrationName: z.string(),
    policy: VersionPolicyInfoSchema.nullable(),
    versions: z.array(VersionRowSchema),
  })
  .openapi('OrchestrationSummary');
export const ActivityListSchema = z
  .object({ items: z.array(z.object({ name: z.string(), liveNodes: z.array(z.string()) })) })
  .openapi('ActivityList');
export const CatalogSchema = z
  .object({ items: z.array(OrchestrationSummarySchema) })
  .openapi('OrchestrationCatalog');

// ------------------------------------------------------------------ system

export const HealthSchema = z.object({ status: z.literal('ok') }).openapi('Health');
export const ReadySchema = z.object({ status: z.literal('ready') }).openapi('Ready');
export const SettingsSchema = z
  .object({
    role: z.enum(['viewer', 'operator', 'admin']),
    actor: z.string(),
    isReadOnly: z.boolean(),
    authMode: z.enum(['apiKeys', 'loopback']),
    serverVersion: z.string(),
    features: z.array(z.string()),
  })
  .openapi('Settings');
export const MetricsSchema = z
  .object({
    totalInstances: z.number().int(),
    totalExecutions: z.number().int(),
    runningInstances: z.number().int(),
    completedInstances: z.number().int(),
    failedInstances: z.number().int(),
    totalEvents: z.number().int(),
  })
  .openapi('SystemMetrics');
