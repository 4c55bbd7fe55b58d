/**
 * Instance mutations: start, raise, enqueue, cancel (202: they only enqueue), resume,
 * restart, delete, prune and version targets. Each is role-checked and audited with the
 * caller as actor.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { InvalidInputError } from '../../core/errors/duroxide-error.js';
import { AcceptedSchema, CancelBody, DeleteQuery, DeleteResultSchema, EnqueueBody, InstanceIdParams, InstanceInfoSchema, InstanceVersionBody, PruneBody, PruneResultSchema, RaiseEventBody, RestartBody, RestartResultSchema, ResumeBody, ResumeResultSchema, StartBody, } from '../api-types.js';
import { API_PREFIX, audited, requireRole, } from '../server-env.js';
import { ok, problemResponses } from './route-kit.js';
function jsonBody(schema) {
    return { required: true, content: { 'application/json': { schema } } };
}
function optionalBody(schema) {
    return { required: false, content: { 'application/json': { schema } } };
}
export function registerInstanceActionRoutes(app, deps) {
    const { client } = deps;
    const operator = requireRole('operator', deps.isReadOnly);
    app.openapi(createRoute({
        method: 'post',
        path: `${API_PREFIX}/instances`,
        tags: ['instances'],
        summary: 'Starts an instance (enqueued: 202); without `instanceId` a random UUID is used',
        middleware: operator,
        'x-required-role': 'operator',
        request: { body: jsonBody(StartBody) },
        responses: {
            202: ok(AcceptedSchema, 'start enqueued'),
            ...problemResponses(400, 401, 403, 409),
        },
    }), async (c) => {
        const b = c.req.valid('json');
        const instanceId = b.instanceId ?? randomUUID();
        const options = {
            ...(b.version !== undefined ? { version: b.version } : {}),
            ...(b.pinVersion !== undefined ? { pinVersion: b.pinVersion } : {}),
        };
        await audited(c, deps, 'instance.start', `instance:${instanceId}`, { orchestrationName: b.orchestrationName, ...options }, () => client.startOrchestration(instanceId, b.orchestrationName, b.input, {
            ...options,
            ifExists: 'error',
        }));
        return c.json({ instanceId, accepted: true }, 202);
    });
    app.openapi(createRoute({
        method: 'post',
        path: `${API_PREFIX}/instances/{instanceId}/events`,
        tags: ['instances'],
        summary: 'Raises an external event (enqueued: 202)',
        middleware: operator,
        'x-required-role': 'operator',
        request: { params: InstanceIdParams, body: jsonBody(RaiseEventBody) },
        responses: {
            202: ok(AcceptedSchema, 'event enqueued'),
            ...problemResponses(400, 401, 403, 404),
        },
    }), async (c) => {
        const { instanceId } = c.req.valid('param');
        const b = c.req.valid('json');
        await audited(c, deps, 'instance.raise-event', `instance:${instanceId}`, { eventName: b.eventName }, () => client.raiseEvent(instanceId, b.eventName, b.data));
        return c.json({ instanceId, accepted: true }, 202);
    });
    app.openapi(createRoute({
        method: 'post',
        path: `${API_PREFIX}/instances/{instanceId}/queue`,
        tags: ['instances'],
        summary: "Appends a message to one of the instance's persistent queues (enqueued: 202)",
        middleware: operator,
        'x-required-role': 'operator',
        request: { params: InstanceIdParams, body: jsonBody(EnqueueBody) },
        responses: {
            202: ok(AcceptedSchema, 'message enqueued'),
            ...problemResponses(400, 401, 403, 404),
        },
    }), async (c) => {
        const { instanceId } = c.req.valid('param');
        const b = c.req.valid('json');
        await audited(c, deps, 'instance.enqueue', `instance:${instanceId}`, { queueName: b.queueName }, () => client.enqueueEvent(instanceId, b.queueName, b.data));
        return c.json({ instanceId, accepted: true }, 202);
    });
    app.openapi(createRoute({
        method: 'post',
        path: `${API_PREFIX}/instances/{instanceId}/cancel`,
        tags: ['instances'],
        summary: 'Requests cancellation (enqueued: 202); the instance ends Failed with `canceled: <reason>`',
        middleware: operator,
        'x-required-role': 'operator',
        request: { params: InstanceIdParams, body: optionalBody(CancelBody) },
        responses: {
            202: ok(AcceptedSchema, 'cancel enqueued'),
            ...problemResponses(400, 401, 403, 404),
        },
    }), async (c) => {
        const { instanceId } = c.req.valid('param');
        const reason = c.req.valid('json').reason ??
            `cancelled by ${c.get('principal').actor} via the management API`;
        await audited(c, deps, 'instance.cancel', `instance:${instanceId}`, {}, async () => {
            await client.getInstanceInfo(instanceId);
            await client.cancelInstance(instanceId, reason);
        }, reason);
        return c.json({ instanceId, accepted: true }, 202);
    });
    app.openapi(createRoute({
        method: 'post',
        path: `${API_PREFIX}/instances/{instanceId}/resume`,
        tags: ['instances'],
        summary: 'Re-drives a Failed instance from its history (default waits up to 30 s for a runtime; timeoutMs 0 → 202 queued)',
        middleware: operator,
        'x-required-role': 'operator',
        request: { params: InstanceIdParams, body: optionalBody(ResumeBody) },
        responses: {
            200: ok(ResumeResultSchema, 'resumed'),
            202: ok(ResumeResultSchema, 'queued (timeoutMs 0)'),
            ...problemResponses(400, 401, 403, 404, 409, 422, 504),
        },
    }), async (c) => {
        const { instanceId } = c.req.valid('param');
        const result = await client.resumeInstance(instanceId, {
            ...c.req.valid('json'),
            actor: c.get('principal').actor,
        });
        return result.outcome === 'queued' ? c.json(result, 202) : c.json(result, 200);
    });
    app.openapi(createRoute({
        method: 'post',
        path: `${API_PREFIX}/instances/{instanceId}/restart`,
        tags: ['instances'],
        summary: 'Starts a new execution of a finished instance, optionally on another version with edited input',
        middleware: operator,
        'x-required-role': 'operator',
        request: { params: InstanceIdParams, body: optionalBody(RestartBody) },
        responses: {
            200: ok(RestartResultSchema, 'restarted'),
            202: ok(RestartResultSchema, 'queued (timeoutMs 0)'),
            ...problemResponses(400, 401, 403, 404, 409, 422, 504),
        },
    }), async (c) => {
        const { instanceId } = c.req.valid('param');
        const result = await client.restartInstance(instanceId, {
            ...c.req.valid('json'),
            actor: c.get('principal').actor,
        });
        return result.outcome === 'queued' ? c.json(result, 202) : c.json(result, 200);
    });
    app.openapi(createRoute({
        method: 'delete',
        path: `${API_PREFIX}/instances/{instanceId}`,
        tags: ['instances'],
        summary: 'Deletes a root instance with its whole tree (409 INSTANCE_STILL_RUNNING unless force)',
        middleware: operator,
        'x-required-role': 'operator',
        request: { params: InstanceIdParams, query: DeleteQuery },
        responses: {
            200: ok(DeleteResultSchema, 'deleted'),
            ...problemResponses(400, 401, 403, 404, 409),
        },
    }), async (c) => {
        const { instanceId } = c.req.valid('param');
        const force = c.req.valid('query').force ?? false;
        const result = await audited(c, deps, 'instance.delete', `instance:${instanceId}`, { force }, () => client.deleteInstance(instanceId, force));
        return c.json(result, 200);
    });
    app.openapi(createRoute({
        method: 'post',
        path: `${API_PREFIX}/instances/{instanceId}/prune`,
        tags: ['instances'],
        summary: 'Deletes old executions of a continue-as-new instance (never the current one)',
        middleware: operator,
        'x-required-role': 'operator',
        request: { params: InstanceIdParams, body: optionalBody(PruneBody) },
        responses: { 200: ok(PruneResultSchema, 'pruned'), ...problemResponses(400, 401, 403, 404) },
    }), async (c) => {
        const { instanceId } = c.req.valid('param');
        const options = c.req.valid('json');
        const result = await audited(c, deps, 'instance.prune', `instance:${instanceId}`, { ...options }, () => client.pruneExecutions(instanceId, options));
        return c.json(result, 200);
    });
    app.openapi(createRoute({
        method: 'post',
        path: `${API_PREFIX}/instances/{instanceId}/version`,
        tags: ['instances'],
        summary: "Changes an instance's version target: pin, unpin, or move at its next continue-as-new",
        middleware: operator,
        'x-required-role': 'operator',
        request: { params: InstanceIdParams, body: jsonBody(InstanceVersionBody) },
        responses: {
            200: ok(InstanceInfoSchema, 'the instance after the change'),
            ...problemResponses(400, 401, 403, 404, 409, 422),
        },
    }), async (c) => {
        const { instanceId } = c.req.valid('param');
        const b = c.req.valid('json');
        const change = {
            actor: c.get('principal').actor,
            ...(b.reason !== undefined ? { reason: b.reason } : {}),
        };
        const forced = b.force !== undefined ? { force: b.force } : {};
        switch (b.action) {
            case 'pin':
                await client.pinInstanceVersion(instanceId, {
                    ...change,
                    ...forced,
                    ...(b.version !== undefined ? { version: b.version } : {}),
                });
                break;
            case 'unpin':
                await client.unpinInstanceVersion(instanceId, change);
                break;
            case 'move':
                if (b.version === undefined)
                    throw new InvalidInputError("action 'move' needs a version");
                await client.moveInstanceToVersion(instanceId, b.version, { ...change, ...forced });
                break;
        }
        return c.json(await client.getInstanceInfo(instanceId), 200);
    });
}
//# sourceMappingURL=instance-actions.js.map