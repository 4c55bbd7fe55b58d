/**
 * Fleet views and controls: the orchestration catalog, upgrades, version policies (set and
 * clear need admin), the node registry and the audit log.
 * @module
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ActivityListSchema, AuditPageSchema, AuditQuery, CatalogSchema, ClearPolicyQuery, NameParams, NodeListQuery, NodeListSchema, PolicyListSchema, SetPolicyBody, VersionPolicyInfoSchema, } from '../api-types.js';
import { API_PREFIX, requireRole } from '../server-env.js';
import { buildCatalog, buildUpgrades } from '../versions-view.js';
import { ok, plain, problemResponses } from './route-kit.js';
const NullablePolicy = z
    .object({ item: VersionPolicyInfoSchema.nullable() })
    .openapi('VersionPolicyResult');
export function registerFleetRoutes(app, deps) {
    const { client } = deps;
    const admin = requireRole('admin', deps.isReadOnly);
    app.openapi(createRoute({
        method: 'get',
        path: `${API_PREFIX}/orchestrations`,
        tags: ['versions'],
        summary: 'Every orchestration name with its versions, counts by status per version, policy and registering live nodes',
        responses: { 200: ok(CatalogSchema, 'the catalog'), ...problemResponses(401) },
    }), async (c) => c.json({ items: await buildCatalog(client) }, 200));
    app.openapi(createRoute({
        method: 'get',
        path: `${API_PREFIX}/upgrades`,
        tags: ['versions'],
        summary: 'Names mid-upgrade (non-terminal instances on several versions) or with stuck instances; which old code is safe to delete',
        responses: { 200: ok(CatalogSchema, 'names being upgraded'), ...problemResponses(401) },
    }), async (c) => c.json({ items: await buildUpgrades(client) }, 200));
    app.openapi(createRoute({
        method: 'get',
        path: `${API_PREFIX}/policies`,
        tags: ['versions'],
        summary: 'Every stored version policy',
        responses: { 200: ok(PolicyListSchema, 'stored policies'), ...problemResponses(401) },
    }), async (c) => c.json({ items: await client.listVersionPolicies() }, 200));
    app.openapi(createRoute({
        method: 'get',
        path: `${API_PREFIX}/orchestrations/{orchestrationName}/policy`,
        tags: ['versions'],
        summary: 'The stored policy of a name (`item` null when none is stored)',
        request: { params: NameParams },
        responses: { 200: ok(NullablePolicy, 'the policy'), ...problemResponses(400, 401) },
    }), async (c) => c.json({ item: await client.getVersionPolicy(c.req.valid('param').orchestrationName) }, 200));
    app.openapi(createRoute({
        method: 'put',
        path: `${API_PREFIX}/orchestrations/{orchestrationName}/policy`,
        tags: ['versions'],
        summary: 'Stores the version policy of a name for the whole fleet (admin; audited)',
        middleware: admin,
        'x-required-role': 'admin',
        request: {
            params: NameParams,
            body: { required: true, content: { 'application/json': { schema: SetPolicyBody } } },
        },
        responses: {
            200: ok(VersionPolicyInfoSchema, 'the stored policy'),
            ...problemResponses(400, 401, 403, 422),
        },
    }), async (c) => {
        const { orchestrationName } = c.req.valid('param');
        const { policy, ...options } = c.req.valid('json');
        const info = await client.setVersionPolicy(orchestrationName, policy, {
            ...options,
            actor: c.get('principal').actor,
        });
        return c.json(info, 200);
    });
    app.openapi(createRoute({
        method: 'delete',
        path: `${API_PREFIX}/orchestrations/{orchestrationName}/policy`,
        tags: ['versions'],
        summary: "Clears the stored policy: the nodes' in-code default (else latest) applies (admin; audited)",
        middleware: admin,
        'x-required-role': 'admin',
        request: { params: NameParams, query: ClearPolicyQuery },
        responses: { 200: ok(NullablePolicy, 'cleared'), ...problemResponses(400, 401, 403) },
    }), async (c) => {
        const { orchestrationName } = c.req.valid('param');
        await client.clearVersionPolicy(orchestrationName, {
            ...c.req.valid('query'),
            actor: c.get('principal').actor,
        });
        return c.json({ item: null }, 200);
    });
    app.openapi(createRoute({
        method: 'get',
        path: `${API_PREFIX}/nodes`,
        tags: ['fleet'],
        summary: 'The node registry: runtimes with their versions and activities (live ones unless includeStale)',
        request: { query: NodeListQuery },
        responses: { 200: ok(NodeListSchema, 'nodes'), ...problemResponses(400, 401) },
    }), async (c) => c.json({ items: plain(await client.listNodes(c.req.valid('query'))) }, 200));
    app.openapi(createRoute({
        method: 'get',
        path: `${API_PREFIX}/activities`,
        tags: ['fleet'],
        summary: 'Every activity name registered by a live node, with those nodes',
        responses: { 200: ok(ActivityListSchema, 'activities'), ...problemResponses(401) },
    }), async (c) => {
        const byName = new Map();
        for (const node of await client.listNodes())
            for (const name of node.activities)
                byName.set(name, [...(byName.get(name) ?? []), node.nodeId]);
        const items = [...byName.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([name, liveNodes]) => ({ name, liveNodes }));
        return c.json({ items }, 200);
    });
    app.openapi(createRoute({
        method: 'get',
        path: `${API_PREFIX}/audit`,
        tags: ['fleet'],
        summary: 'The audit log, newest first, cursor-paged',
        request: { query: AuditQuery },
        responses: {
            200: ok(AuditPageSchema, 'a page of audit entries'),
            ...problemResponses(400, 401),
        },
    }), async (c) => {
        const page = await client.listAuditLog(c.req.valid('query'));
        return c.json({ items: [...page.items], nextCursor: page.nextCursor ?? null }, 200);
    });
}
//# sourceMappingURL=fleet.js.map