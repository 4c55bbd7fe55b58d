/**
 * The management API's request and response schemas (zod). The routes validate with them and
 * the OpenAPI 3.1 document at `/api/v1/openapi.json` is generated from them, so the two cannot
 * drift. JSON field names are exactly the Client's (docs/management-api.md).
 * @module
 */
import { z } from '@hono/zod-openapi';
export declare const ProblemSchema: z.ZodObject<{
    type: z.ZodString;
    title: z.ZodString;
    status: z.ZodNumber;
    code: z.ZodString;
    detail: z.ZodString;
    context: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
    errors: z.ZodOptional<z.ZodArray<z.ZodObject<{
        path: z.ZodString;
        message: z.ZodString;
    }, z.core.$strip>>>;
}, z.core.$strip>;
export declare const InstanceIdParams: z.ZodObject<{
    instanceId: z.ZodString;
}, z.core.$strict>;
export declare const NameParams: z.ZodObject<{
    orchestrationName: z.ZodString;
}, z.core.$strict>;
export declare const InstanceInfoSchema: z.ZodObject<{
    instanceId: z.ZodString;
    orchestrationName: z.ZodString;
    orchestrationVersion: z.ZodString;
    currentExecutionId: z.ZodNumber;
    status: z.ZodEnum<{
        Running: "Running";
        Completed: "Completed";
        Failed: "Failed";
        ContinuedAsNew: "ContinuedAsNew";
    }>;
    output: z.ZodOptional<z.ZodUnknown>;
    createdAt: z.ZodNumber;
    updatedAt: z.ZodNumber;
    parentInstanceId: z.ZodOptional<z.ZodString>;
    customStatus: z.ZodOptional<z.ZodUnknown>;
    customStatusVersion: z.ZodNumber;
    versionPin: z.ZodOptional<z.ZodString>;
    nextVersion: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export declare const InstanceListQuery: z.ZodObject<{
    limit: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    cursor: z.ZodOptional<z.ZodString>;
    status: z.ZodOptional<z.ZodEnum<{
        Running: "Running";
        Completed: "Completed";
        Failed: "Failed";
        ContinuedAsNew: "ContinuedAsNew";
    }>>;
    name: z.ZodOptional<z.ZodString>;
    version: z.ZodOptional<z.ZodString>;
    createdFrom: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    createdTo: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    updatedFrom: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    updatedTo: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    parentInstanceId: z.ZodOptional<z.ZodString>;
    idPrefix: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
export declare const InstanceFacetQuery: z.ZodObject<{
    groupBy: z.ZodEnum<{
        name: "name";
        version: "version";
        status: "status";
    }>;
    status: z.ZodOptional<z.ZodEnum<{
        Running: "Running";
        Completed: "Completed";
        Failed: "Failed";
        ContinuedAsNew: "ContinuedAsNew";
    }>>;
    name: z.ZodOptional<z.ZodString>;
    version: z.ZodOptional<z.ZodString>;
    createdFrom: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    createdTo: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    updatedFrom: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    updatedTo: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    parentInstanceId: z.ZodOptional<z.ZodString>;
    idPrefix: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
export declare const InstancePageSchema: z.ZodObject<{
    items: z.ZodArray<z.ZodObject<{
        instanceId: z.ZodString;
        orchestrationName: z.ZodString;
        orchestrationVersion: z.ZodString;
        currentExecutionId: z.ZodNumber;
        status: z.ZodEnum<{
            Running: "Running";
            Completed: "Completed";
            Failed: "Failed";
            ContinuedAsNew: "ContinuedAsNew";
        }>;
        output: z.ZodOptional<z.ZodUnknown>;
        createdAt: z.ZodNumber;
        updatedAt: z.ZodNumber;
        parentInstanceId: z.ZodOptional<z.ZodString>;
        customStatus: z.ZodOptional<z.ZodUnknown>;
        customStatusVersion: z.ZodNumber;
        versionPin: z.ZodOptional<z.ZodString>;
        nextVersion: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>>;
    nextCursor: z.ZodNullable<z.ZodString>;
}, z.core.$strip>;
export declare const InstanceFacetsSchema: z.ZodObject<{
    items: z.ZodArray<z.ZodObject<{
        key: z.ZodString;
        count: z.ZodNumber;
    }, z.core.$strip>>;
}, z.core.$strip>;
export declare const TimelineSchema: z.ZodObject<{
    executionId: z.ZodNumber;
    items: z.ZodArray<z.ZodObject<{
        eventId: z.ZodNumber;
        kind: z.ZodEnum<{
            timer: "timer";
            activity: "activity";
            queue: "queue";
            subOrchestration: "subOrchestration";
            event: "event";
        }>;
        name: z.ZodOptional<z.ZodString>;
        instanceId: z.ZodOptional<z.ZodString>;
        fireAt: z.ZodOptional<z.ZodNumber>;
        startedAt: z.ZodNumber;
        endedAt: z.ZodOptional<z.ZodNumber>;
        outcome: z.ZodEnum<{
            completed: "completed";
            failed: "failed";
            cancelled: "cancelled";
            open: "open";
        }>;
    }, z.core.$strip>>;
}, z.core.$strip>;
export declare const ExecutionQuery: z.ZodObject<{
    executionId: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
}, z.core.$strict>;
export declare const InstanceDetailSchema: z.ZodObject<{
    instance: z.ZodObject<{
        instanceId: z.ZodString;
        orchestrationName: z.ZodString;
        orchestrationVersion: z.ZodString;
        currentExecutionId: z.ZodNumber;
        status: z.ZodEnum<{
            Running: "Running";
            Completed: "Completed";
            Failed: "Failed";
            ContinuedAsNew: "ContinuedAsNew";
        }>;
        output: z.ZodOptional<z.ZodUnknown>;
        createdAt: z.ZodNumber;
        updatedAt: z.ZodNumber;
        parentInstanceId: z.ZodOptional<z.ZodString>;
        customStatus: z.ZodOptional<z.ZodUnknown>;
        customStatusVersion: z.ZodNumber;
        versionPin: z.ZodOptional<z.ZodString>;
        nextVersion: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>;
    waitingOn: z.ZodObject<{
        activities: z.ZodArray<z.ZodObject<{
            eventId: z.ZodNumber;
            name: z.ZodString;
            scheduledAt: z.ZodNumber;
        }, z.core.$strip>>;
        timers: z.ZodArray<z.ZodObject<{
            eventId: z.ZodNumber;
            fireAt: z.ZodNumber;
        }, z.core.$strip>>;
        events: z.ZodArray<z.ZodObject<{
            eventId: z.ZodNumber;
            name: z.ZodString;
        }, z.core.$strip>>;
        queues: z.ZodArray<z.ZodObject<{
            eventId: z.ZodNumber;
            name: z.ZodString;
        }, z.core.$strip>>;
        children: z.ZodArray<z.ZodObject<{
            eventId: z.ZodNumber;
            name: z.ZodString;
            instanceId: z.ZodString;
        }, z.core.$strip>>;
    }, z.core.$strip>;
    executions: z.ZodArray<z.ZodObject<{
        executionId: z.ZodNumber;
        orchestrationName: z.ZodOptional<z.ZodString>;
        orchestrationVersion: z.ZodOptional<z.ZodString>;
        status: z.ZodEnum<{
            Running: "Running";
            Completed: "Completed";
            Failed: "Failed";
            ContinuedAsNew: "ContinuedAsNew";
        }>;
        output: z.ZodOptional<z.ZodUnknown>;
        startedAt: z.ZodNumber;
        completedAt: z.ZodOptional<z.ZodNumber>;
        eventCount: z.ZodNumber;
    }, z.core.$strip>>;
    executionCount: z.ZodNumber;
    stats: z.ZodNullable<z.ZodObject<{
        historyEventCount: z.ZodNumber;
        historySizeBytes: z.ZodNumber;
        queuePendingCount: z.ZodNumber;
        kvUserKeyCount: z.ZodNumber;
        kvTotalValueBytes: z.ZodNumber;
    }, z.core.$strip>>;
}, z.core.$strip>;
export declare const HistoryQuery: z.ZodObject<{
    executionId: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    limit: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    cursor: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
export declare const HistoryEventSchema: z.ZodObject<{
    eventId: z.ZodNumber;
    kind: z.ZodString;
    sourceEventId: z.ZodOptional<z.ZodNumber>;
    timestampMs: z.ZodNumber;
    data: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
}, z.core.$strip>;
export declare const HistoryPageSchema: z.ZodObject<{
    executionId: z.ZodNumber;
    items: z.ZodArray<z.ZodObject<{
        eventId: z.ZodNumber;
        kind: z.ZodString;
        sourceEventId: z.ZodOptional<z.ZodNumber>;
        timestampMs: z.ZodNumber;
        data: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
    }, z.core.$strip>>;
    nextCursor: z.ZodNullable<z.ZodString>;
}, z.core.$strip>;
export declare const InstanceTreeSchema: z.ZodObject<{
    rootId: z.ZodString;
    allIds: z.ZodArray<z.ZodString>;
    size: z.ZodNumber;
}, z.core.$strip>;
export declare const KvSchema: z.ZodObject<{
    values: z.ZodRecord<z.ZodString, z.ZodUnknown>;
}, z.core.$strip>;
export declare const StartBody: z.ZodObject<{
    orchestrationName: z.ZodString;
    instanceId: z.ZodOptional<z.ZodString>;
    input: z.ZodOptional<z.ZodUnknown>;
    version: z.ZodOptional<z.ZodString>;
    pinVersion: z.ZodOptional<z.ZodBoolean>;
}, z.core.$strict>;
export declare const AcceptedSchema: z.ZodObject<{
    instanceId: z.ZodString;
    accepted: z.ZodLiteral<true>;
}, z.core.$strip>;
export declare const RaiseEventBody: z.ZodObject<{
    eventName: z.ZodString;
    data: z.ZodOptional<z.ZodUnknown>;
}, z.core.$strict>;
export declare const EnqueueBody: z.ZodObject<{
    queueName: z.ZodString;
    data: z.ZodOptional<z.ZodUnknown>;
}, z.core.$strict>;
export declare const CancelBody: z.ZodObject<{
    reason: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
export declare const ResumeBody: z.ZodObject<{
    version: z.ZodOptional<z.ZodString>;
    reason: z.ZodOptional<z.ZodString>;
    timeoutMs: z.ZodOptional<z.ZodNumber>;
}, z.core.$strict>;
export declare const ResumeResultSchema: z.ZodObject<{
    requestId: z.ZodString;
    outcome: z.ZodEnum<{
        resumed: "resumed";
        queued: "queued";
    }>;
    version: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export declare const RestartBody: z.ZodObject<{
    version: z.ZodOptional<z.ZodString>;
    input: z.ZodOptional<z.ZodUnknown>;
    reason: z.ZodOptional<z.ZodString>;
    timeoutMs: z.ZodOptional<z.ZodNumber>;
}, z.core.$strict>;
export declare const RestartResultSchema: z.ZodObject<{
    requestId: z.ZodString;
    outcome: z.ZodEnum<{
        restarted: "restarted";
        queued: "queued";
    }>;
    executionId: z.ZodOptional<z.ZodNumber>;
    version: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export declare const DeleteQuery: z.ZodObject<{
    force: z.ZodOptional<z.ZodPipe<z.ZodEnum<{
        true: "true";
        false: "false";
    }>, z.ZodTransform<boolean, "true" | "false">>>;
}, z.core.$strict>;
export declare const DeleteResultSchema: z.ZodObject<{
    instancesDeleted: z.ZodNumber;
    executionsDeleted: z.ZodNumber;
    eventsDeleted: z.ZodNumber;
    queueMessagesDeleted: z.ZodNumber;
}, z.core.$strip>;
export declare const PruneBody: z.ZodObject<{
    keepLast: z.ZodOptional<z.ZodNumber>;
    completedBefore: z.ZodOptional<z.ZodNumber>;
}, z.core.$strict>;
export declare const PruneResultSchema: z.ZodObject<{
    instancesProcessed: z.ZodNumber;
    executionsDeleted: z.ZodNumber;
    eventsDeleted: z.ZodNumber;
}, z.core.$strip>;
export declare const InstanceVersionBody: z.ZodObject<{
    action: z.ZodEnum<{
        pin: "pin";
        unpin: "unpin";
        move: "move";
    }>;
    version: z.ZodOptional<z.ZodString>;
    force: z.ZodOptional<z.ZodBoolean>;
    reason: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
export declare const VersionPolicyInfoSchema: z.ZodObject<{
    orchestrationName: z.ZodString;
    policy: z.ZodDiscriminatedUnion<[z.ZodObject<{
        kind: z.ZodLiteral<"latest">;
    }, z.core.$strict>, z.ZodObject<{
        kind: z.ZodLiteral<"pinned">;
        version: z.ZodString;
        allowDowngrade: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strict>, z.ZodObject<{
        kind: z.ZodLiteral<"ramp">;
        from: z.ZodString;
        to: z.ZodString;
        percent: z.ZodNumber;
    }, z.core.$strict>], "kind">;
    updatedAt: z.ZodNumber;
    updatedBy: z.ZodOptional<z.ZodString>;
    reason: z.ZodOptional<z.ZodString>;
    revision: z.ZodNumber;
}, z.core.$strip>;
export declare const PolicyListSchema: z.ZodObject<{
    items: z.ZodArray<z.ZodObject<{
        orchestrationName: z.ZodString;
        policy: z.ZodDiscriminatedUnion<[z.ZodObject<{
            kind: z.ZodLiteral<"latest">;
        }, z.core.$strict>, z.ZodObject<{
            kind: z.ZodLiteral<"pinned">;
            version: z.ZodString;
            allowDowngrade: z.ZodOptional<z.ZodBoolean>;
        }, z.core.$strict>, z.ZodObject<{
            kind: z.ZodLiteral<"ramp">;
            from: z.ZodString;
            to: z.ZodString;
            percent: z.ZodNumber;
        }, z.core.$strict>], "kind">;
        updatedAt: z.ZodNumber;
        updatedBy: z.ZodOptional<z.ZodString>;
        reason: z.ZodOptional<z.ZodString>;
        revision: z.ZodNumber;
    }, z.core.$strip>>;
}, z.core.$strip>;
export declare const SetPolicyBody: z.ZodObject<{
    policy: z.ZodDiscriminatedUnion<[z.ZodObject<{
        kind: z.ZodLiteral<"latest">;
    }, z.core.$strict>, z.ZodObject<{
        kind: z.ZodLiteral<"pinned">;
        version: z.ZodString;
        allowDowngrade: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strict>, z.ZodObject<{
        kind: z.ZodLiteral<"ramp">;
        from: z.ZodString;
        to: z.ZodString;
        percent: z.ZodNumber;
    }, z.core.$strict>], "kind">;
    force: z.ZodOptional<z.ZodBoolean>;
    reason: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
export declare const ClearPolicyQuery: z.ZodObject<{
    reason: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
export declare const NodeListQuery: z.ZodObject<{
    includeStale: z.ZodOptional<z.ZodPipe<z.ZodEnum<{
        true: "true";
        false: "false";
    }>, z.ZodTransform<boolean, "true" | "false">>>;
}, z.core.$strict>;
export declare const NodeListSchema: z.ZodObject<{
    items: z.ZodArray<z.ZodObject<{
        nodeId: z.ZodString;
        host: z.ZodString;
        pid: z.ZodNumber;
        duroxideVersion: z.ZodString;
        historyFormat: z.ZodNumber;
        startedAt: z.ZodNumber;
        lastSeenAt: z.ZodNumber;
        heartbeatIntervalMs: z.ZodNumber;
        orchestrations: z.ZodArray<z.ZodObject<{
            name: z.ZodString;
            versions: z.ZodArray<z.ZodString>;
            defaultPolicy: z.ZodOptional<z.ZodDiscriminatedUnion<[z.ZodObject<{
                kind: z.ZodLiteral<"latest">;
            }, z.core.$strict>, z.ZodObject<{
                kind: z.ZodLiteral<"pinned">;
                version: z.ZodString;
                allowDowngrade: z.ZodOptional<z.ZodBoolean>;
            }, z.core.$strict>, z.ZodObject<{
                kind: z.ZodLiteral<"ramp">;
                from: z.ZodString;
                to: z.ZodString;
                percent: z.ZodNumber;
            }, z.core.$strict>], "kind">>;
        }, z.core.$strip>>;
        activities: z.ZodArray<z.ZodString>;
        isLive: z.ZodBoolean;
    }, z.core.$strip>>;
}, z.core.$strip>;
export declare const AuditQuery: z.ZodObject<{
    target: z.ZodOptional<z.ZodString>;
    limit: z.ZodOptional<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>>;
    cursor: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
export declare const AuditPageSchema: z.ZodObject<{
    items: z.ZodArray<z.ZodObject<{
        auditId: z.ZodNumber;
        at: z.ZodNumber;
        actor: z.ZodOptional<z.ZodString>;
        action: z.ZodString;
        target: z.ZodString;
        reason: z.ZodOptional<z.ZodString>;
        details: z.ZodUnknown;
    }, z.core.$strip>>;
    nextCursor: z.ZodNullable<z.ZodString>;
}, z.core.$strip>;
export declare const ActivityListSchema: z.ZodObject<{
    items: z.ZodArray<z.ZodObject<{
        name: z.ZodString;
        liveNodes: z.ZodArray<z.ZodString>;
    }, z.core.$strip>>;
}, z.core.$strip>;
export declare const CatalogSchema: z.ZodObject<{
    items: z.ZodArray<z.ZodObject<{
        orchestrationName: z.ZodString;
        policy: z.ZodNullable<z.ZodObject<{
            orchestrationName: z.ZodString;
            policy: z.ZodDiscriminatedUnion<[z.ZodObject<{
                kind: z.ZodLiteral<"latest">;
            }, z.core.$strict>, z.ZodObject<{
                kind: z.ZodLiteral<"pinned">;
                version: z.ZodString;
                allowDowngrade: z.ZodOptional<z.ZodBoolean>;
            }, z.core.$strict>, z.ZodObject<{
                kind: z.ZodLiteral<"ramp">;
                from: z.ZodString;
                to: z.ZodString;
                percent: z.ZodNumber;
            }, z.core.$strict>], "kind">;
            updatedAt: z.ZodNumber;
            updatedBy: z.ZodOptional<z.ZodString>;
            reason: z.ZodOptional<z.ZodString>;
            revision: z.ZodNumber;
        }, z.core.$strip>>;
        versions: z.ZodArray<z.ZodObject<{
            version: z.ZodString;
            counts: z.ZodRecord<z.ZodString, z.ZodNumber>;
            nonTerminal: z.ZodNumber;
            liveNodes: z.ZodArray<z.ZodString>;
            isStuck: z.ZodBoolean;
            namedByPolicy: z.ZodBoolean;
            isSafeToDeleteCode: z.ZodBoolean;
        }, z.core.$strip>>;
    }, z.core.$strip>>;
}, z.core.$strip>;
export declare const HealthSchema: z.ZodObject<{
    status: z.ZodLiteral<"ok">;
}, z.core.$strip>;
export declare const ReadySchema: z.ZodObject<{
    status: z.ZodLiteral<"ready">;
}, z.core.$strip>;
export declare const SettingsSchema: z.ZodObject<{
    role: z.ZodEnum<{
        viewer: "viewer";
        operator: "operator";
        admin: "admin";
    }>;
    actor: z.ZodString;
    isReadOnly: z.ZodBoolean;
    authMode: z.ZodEnum<{
        apiKeys: "apiKeys";
        loopback: "loopback";
    }>;
    serverVersion: z.ZodString;
    features: z.ZodArray<z.ZodString>;
}, z.core.$strip>;
export declare const MetricsSchema: z.ZodObject<{
    totalInstances: z.ZodNumber;
    totalExecutions: z.ZodNumber;
    runningInstances: z.ZodNumber;
    completedInstances: z.ZodNumber;
    failedInstances: z.ZodNumber;
    totalEvents: z.ZodNumber;
}, z.core.$strip>;
export declare const QueueDepthsSchema: z.ZodObject<{
    orchestratorQueue: z.ZodNumber;
    workerQueue: z.ZodNumber;
    timerQueue: z.ZodNumber;
}, z.core.$strip>;
