/**
 * The API's request and response types, inferred from the zod schemas the server validates with
 * and generates its OpenAPI document from (src/server/api-types.ts). Type-only imports: nothing
 * of the server reaches the bundle, and a schema change that breaks the dashboard fails its
 * type check (docs/decisions/0008-dashboard-stack.md).
 */
import type { z } from '@hono/zod-openapi';
import type * as S from '../../../src/server/api-types.js';
import type { QueuesSchema } from '../../../src/server/queue-view.js';
import type { PoisonedPageSchema, PruneResultSchema } from '../../../src/server/routes/poisoned.js';

type Out<T extends z.ZodType> = z.output<T>;
type In<T extends z.ZodType> = z.input<T>;

export type InstanceInfo = Out<typeof S.InstanceInfoSchema>;
export type InstanceStatus = InstanceInfo['status'];
export type InstancePage = Out<typeof S.InstancePageSchema>;
export type InstanceListQuery = In<typeof S.InstanceListQuery>;
export type InstanceFacetQuery = In<typeof S.InstanceFacetQuery>;
export type InstanceFacets = Out<typeof S.InstanceFacetsSchema>;
export type InstanceDetail = Out<typeof S.InstanceDetailSchema>;
export type ExecutionInfo = InstanceDetail['executions'][number];
export type WaitingOn = InstanceDetail['waitingOn'];
export type HistoryPage = Out<typeof S.HistoryPageSchema>;
export type HistoryEvent = Out<typeof S.HistoryEventSchema>;
export type Timeline = Out<typeof S.TimelineSchema>;
export type TimelineSpan = Timeline['items'][number];
export type InstanceTree = Out<typeof S.InstanceTreeSchema>;
export type InstanceKv = Out<typeof S.KvSchema>;
export type RaiseEventRequest = In<typeof S.RaiseEventBody>;
export type EnqueueRequest = In<typeof S.EnqueueBody>;
export type CancelRequest = In<typeof S.CancelBody>;
export type ResumeRequest = In<typeof S.ResumeBody>;
export type ResumeResult = Out<typeof S.ResumeResultSchema>;
export type RestartRequest = In<typeof S.RestartBody>;
export type RestartResult = Out<typeof S.RestartResultSchema>;
export type DeleteResult = Out<typeof S.DeleteResultSchema>;
export type PruneRequest = In<typeof S.PruneBody>;
export type PruneResult = Out<typeof S.PruneResultSchema>;
export type InstanceVersionRequest = In<typeof S.InstanceVersionBody>;
export type VersionPolicyInfo = Out<typeof S.VersionPolicyInfoSchema>;
export type VersionPolicy = VersionPolicyInfo['policy'];
export type SetPolicyRequest = In<typeof S.SetPolicyBody>;
export type NodeList = Out<typeof S.NodeListSchema>;
export type AuditPage = Out<typeof S.AuditPageSchema>;
export type AuditQuery = In<typeof S.AuditQuery>;
export type Catalog = Out<typeof S.CatalogSchema>;
export type OrchestrationSummary = Catalog['items'][number];
export type VersionRow = OrchestrationSummary['versions'][number];
export type ActivityList = Out<typeof S.ActivityListSchema>;
export type Settings = Out<typeof S.SettingsSchema>;
export type SystemMetrics = Out<typeof S.MetricsSchema>;
export type Queues = Out<typeof QueuesSchema>;
export type QueueStat = Queues['orchestrator'];
export type Problem = Out<typeof S.ProblemSchema>;

/** BulkFilter of the OpenAPI document (the instance query filter, numbers as numbers). */
export interface BulkFilter {
  status?: InstanceStatus;
  name?: string;
  version?: string;
  createdFrom?: number;
  createdTo?: number;
  updatedFrom?: number;
  updatedTo?: number;
  parentInstanceId?: string;
  idPrefix?: string;
}
/** Body of POST /api/v1/bulk (BulkRequest in the OpenAPI document; its schema is not exported). */
export interface BulkRequest {
  action: 'cancel' | 'delete' | 'prune' | 'raise' | 'restart';
  filter?: BulkFilter;
  instanceIds?: string[];
  limit?: number;
  dryRun?: boolean;
  reason?: string;
  force?: boolean;
  keepLast?: number;
  eventName?: string;
  data?: unknown;
  version?: string;
}
export interface BulkResult {
  action: string;
  dryRun: boolean;
  matched: number;
  instanceIds: string[];
  succeeded: number;
  failed: { instanceId: string; code: string; detail: string }[];
}
/** One row of GET /orchestrations/{name}/versions/{version}/instances (UpgradeInstance). */
interface UpgradeInstance {
  instanceId: string;
  createdAt: number;
  updatedAt: number;
  currentExecutionId: number;
  versionPin?: string;
  nextVersion?: string;
  expectedUpgradeAt: number | null;
  openActivities: number;
  awaitedEvents: string[];
}
export interface UpgradeInstancePage {
  items: UpgradeInstance[];
  nextCursor: string | null;
}

/** BulkJob of the OpenAPI document (GET /bulk/jobs/{jobId}); its schema is not exported. */
export interface BulkJob {
  jobId: string;
  action: string;
  state: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  dryRun: boolean;
  request: Record<string, unknown>;
  actor: string | null;
  createdAt: number;
  updatedAt: number;
  isCancelRequested: boolean;
  matched: number;
  processed: number;
  succeeded: number;
  failed: number;
  failures: { instanceId: string; code: string; detail: string }[];
  sampleInstanceIds?: string[];
  error: string | null;
  runner: { owner: string; leaseUntil: number } | null;
}
export interface BulkJobPage {
  items: BulkJob[];
  nextCursor: string | null;
}
/** ApiKeyInfo of the OpenAPI document (GET /keys). */
export interface ApiKeyInfo {
  name: string;
  role: 'viewer' | 'operator' | 'admin';
  prefix: string;
  source: 'store' | 'config';
  state: 'active' | 'expired' | 'revoked';
  createdAt: number | null;
  createdBy: string | null;
  expiresAt: number | null;
  revokedAt: number | null;
}

export type PoisonedItemPage = Out<typeof PoisonedPageSchema>;
export type PoisonedItem = PoisonedItemPage['items'][number];
export type PrunePoisonedResult = Out<typeof PruneResultSchema>;
