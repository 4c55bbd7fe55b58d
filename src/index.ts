/**
 * duroxide-ts: an embeddable durable execution runtime for Node.js — deterministic-replay
 * orchestrations with first-class versioning, on SQLite or PostgreSQL.
 *
 * @example
 * import { Runtime, Client, SqliteProvider } from 'duroxide-ts';
 * const provider = await SqliteProvider.open('sqlite:./app.db');
 * const runtime = new Runtime(provider);
 * runtime.registerActivity('Greet', async (ctx, name) => `Hello, ${name}!`);
 * runtime.registerOrchestration('Hello', async (ctx, name) => ctx.scheduleActivity('Greet', name));
 * await runtime.start();
 * const client = new Client(provider);
 * await client.startOrchestration('hello-1', 'Hello', 'World');
 * console.log(await client.waitForOrchestration('hello-1'));
 * @module
 */
export { Runtime } from './runtime/runtime.js';
export type { RuntimeOptions } from './runtime/options.js';
export type {
  ActivityHandler,
  OrchestrationRegistrationOptions,
  VersionPolicy,
} from './runtime/registry.js';
export { ActivityContext } from './runtime/activity-context.js';
export { defineActivity, defineOrchestration } from './runtime/definitions.js';
export type {
  ActivityDefinition,
  ActivityDefinitionOptions,
  Definition,
  OrchestrationDefinition,
  OrchestrationDefinitionOptions,
} from './runtime/definitions.js';
export type {
  ActivityRef,
  OrchestrationRef,
  RefInput,
  RefOutput,
} from './core/context/definition-refs.js';
export { initTracing } from './runtime/tracing.js';
export type { TracingOptions } from './runtime/tracing.js';
export type { LogFormat, LogLevel, LogRecord, LogSink } from './runtime/logger.js';
export type { StructuredLogger } from './runtime/observability/structured-logger.js';
export type { MetricsRequestListener } from './runtime/observability/metrics-handler.js';
export type { MetricsSnapshot } from './runtime/metrics.js';
export type {
  ReplayCheckInputRejection,
  ReplayCheckOptions,
  ReplayCheckOutcome,
  ReplayCheckReport,
  ReplayCheckResult,
} from './runtime/replay-check.js';
export type {
  SchemaIssue,
  StandardSchemaIssue,
  StandardSchemaResult,
  StandardSchemaV1,
} from './core/schema/standard-schema.js';
export { Client } from './client/client.js';
export type { ClientOptions } from './client/client.js';
export type {
  AuditEntryInfo,
  AuditEntryOptions,
  AuditPage,
  AuditQueryOptions,
  ChangeOptions,
  InstanceVersionOptions,
  ListNodesOptions,
  NodeInfo,
  RestartInstanceOptions,
  RestartInstanceResult,
  ResumeInstanceOptions,
  ResumeInstanceResult,
  SetVersionPolicyOptions,
  StartOrchestrationOptions,
  StoredVersionPolicy,
  VersionPolicyInfo,
  VersionPolicyInput,
} from './client/fleet-types.js';
export type {
  DeleteInstanceResult,
  EnsureOrchestrationOptions,
  EnsureOrchestrationResult,
  ExecutionInfo,
  ExecutionStatus,
  HistoryEventInfo,
  InstanceCount,
  InstanceCountGroupBy,
  InstanceFilter,
  InstanceInfo,
  InstanceQuery,
  InstanceQueryFilter,
  InstanceQueryPage,
  InstanceTree,
  OrchestrationStats,
  OrchestrationStatus,
  PruneOptions,
  PruneResult,
  PoisonedItemRecord,
  PoisonedItemsPage,
  PrunePoisonedItemsOptions,
  PrunePoisonedItemsResult,
  QueueDepths,
  SystemMetrics,
  SystemStats,
} from './client/types.js';
export { createManagementServer } from './server/create-management-server.js';
export type {
  ListeningManagementServer,
  ManagementListenOptions,
  ManagementServer,
  ManagementServerOptions,
} from './server/create-management-server.js';
export { createApiKey } from './server/auth/api-keys.js';
export type { ApiKeyRecord, ApiKeyRole } from './server/auth/api-keys.js';
export { OrchestrationContext } from './core/context/orchestration-context.js';
export type {
  AllResult,
  BackoffPolicy,
  JoinResult,
  RaceResult,
  RetryPolicy,
  ScheduleActivityOptions,
} from './core/context/orchestration-context.js';
export type { Limits } from './core/limits.js';
export {
  MAX_KV_KEYS,
  MAX_KV_VALUE_BYTES,
  MAX_TAG_NAME_BYTES,
  MAX_WORKER_TAGS,
} from './core/limits.js';
export { DurableTask } from './core/replay/durable-task.js';
export type { ScheduledTask } from './core/replay/durable-task.js';
export type { OrchestrationHandler } from './core/replay/orchestration-handler.js';
export {
  ActivityFailedError,
  CannotDeleteSubOrchestrationError,
  ConfigurationError,
  DuroxideError,
  ERROR_CATEGORIES,
  ERROR_CODES,
  InstanceAlreadyExistsError,
  InstanceNotFoundError,
  InstanceStillRunningError,
  InstanceTreeChangedError,
  InvalidInputError,
  NondeterminismError,
  OrchestrationFailedError,
  ProviderError,
  SchemaTooNewError,
  SubOrchestrationFailedError,
  TimeoutError,
  isDuroxideError,
} from './core/errors/duroxide-error.js';
export type { ErrorCategory, ErrorCode, ErrorContext } from './core/errors/duroxide-error.js';
export type { ErrorDetails } from './core/errors/error-details.js';
export type { JsonValue } from './core/json/json-codec.js';
export { DUROXIDE_VERSION } from './core/version.js';
export { SqliteProvider } from './providers/sqlite/sqlite-provider.js';
export type { SqliteProviderOptions } from './providers/sqlite/sqlite-provider.js';
export { PostgresProvider } from './providers/postgres/postgres-provider.js';
export type {
  EntraAccessToken,
  EntraTokenCredential,
  PostgresEntraOptions,
  PostgresProviderOptions,
} from './providers/postgres/postgres-provider.js';
export type {
  CompleteProvider,
  Provider,
  ProviderCapabilities,
  ProviderCapability,
  ProviderCore,
  ProviderWith,
  TagFilter,
} from './providers/provider.js';
// What a provider author implements against (with `duroxide-ts/testing`'s conformance suite).
// The provider's own query shapes are exported under Provider… names: the Client's
// `InstanceQuery`, `InstanceQueryFilter` and `InstanceCount` are the caller-facing ones.
export type {
  AbandonOptions,
  AuditEntryInput,
  AuditQuery,
  AuditRecord,
  CachedHistoryHint,
  CancelledActivity,
  CapabilityMethods,
  DeleteInstancesResult,
  ExecutionMetadata,
  ExecutionRecord,
  FetchOrchestrationOptions,
  FetchWorkOptions,
  FleetStore,
  InstanceCount as ProviderInstanceCount,
  InstanceQuery as ProviderInstanceQuery,
  InstanceQueryFilter as ProviderInstanceQueryFilter,
  InstanceRecord,
  InstanceRecordPage,
  InstanceSelectionFilter,
  InstanceVersionChange,
  KvEntryRecord,
  LockedOrchestrationItem,
  LockedWorkItem,
  ManagementStore,
  NodeRecord,
  OrchestrationAck,
  OrchestrationAckOptions,
  OrchestrationAckResult,
  OrchestrationItem,
  OrchestrationStatsRecord,
  PoisonHandling,
  PoisonedItemQuery,
  PoisonedItemReport,
  ProviderSignal,
  ProviderSignalListener,
  PruneExecutionsOptions,
  PruneExecutionsResult,
  QueueDepthsRecord,
  SessionStore,
  SystemMetricsRecord,
  VersionPolicyRecord,
} from './providers/provider.js';
export type {
  EventKind,
  EventOfType,
  HistoryEvent,
  ParentLink,
} from './core/history/history-event.js';
export type { WorkItem, WorkItemOfType } from './core/history/work-item.js';
