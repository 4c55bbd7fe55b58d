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
export { ActivityContext } from './runtime/activity-context.js';
export { initTracing } from './runtime/tracing.js';
export { Client } from './client/client.js';
export { createManagementServer } from './server/create-management-server.js';
export { createApiKey } from './server/auth/api-keys.js';
export { OrchestrationContext } from './core/context/orchestration-context.js';
export { MAX_KV_KEYS, MAX_KV_VALUE_BYTES, MAX_TAG_NAME_BYTES, MAX_WORKER_TAGS, } from './core/limits.js';
export { DurableTask } from './core/replay/durable-task.js';
export { ActivityFailedError, CannotDeleteSubOrchestrationError, ConfigurationError, DuroxideError, ERROR_CATEGORIES, ERROR_CODES, InstanceAlreadyExistsError, InstanceNotFoundError, InstanceStillRunningError, InstanceTreeChangedError, InvalidInputError, NondeterminismError, OrchestrationFailedError, ProviderError, SchemaTooNewError, SubOrchestrationFailedError, TimeoutError, isDuroxideError, } from './core/errors/duroxide-error.js';
export { DUROXIDE_VERSION } from './core/version.js';
export { SqliteProvider } from './providers/sqlite/sqlite-provider.js';
export { PostgresProvider } from './providers/postgres/postgres-provider.js';
//# sourceMappingURL=index.js.map