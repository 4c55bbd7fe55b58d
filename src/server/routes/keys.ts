/**
 * API keys kept in the store (admin only): list them (with the configured ones, which cannot be
 * changed here), create one — its secret is in this answer only, never stored or logged — and
 * revoke one by name. The server accepts a stored key, or stops accepting a revoked one, within
 * its key cache time (2 s by default; at once on this server).
 * @module
 */
import { createRoute, z } from '@hono/zod-openapi';
import { DuroxideError, ERROR_CODES } from '../../core/errors/duroxide-error.js';
import type { StoredApiKeyRecord } from '../../client/operator-types.js';
import { API_KEY_ROLES, createApiKey, type ApiKeyRole } from '../auth/api-keys.js';
import {
  API_PREFIX,
  audited,
  requireRole,
  type ManagementApp,
  type RouteDeps,
} from '../server-env.js';
import { ok, problemResponses } from './route-kit.js';

const ROLES = Object.values(API_KEY_ROLES) as [ApiKeyRole, ...ApiKeyRole[]];

const ApiKeyInfoSchema = z
  .object({
    name: z.string(),
    role: z.enum(ROLES),
    prefix: z.string(),
    source: z.enum(['store', 'config']),
    state: z.enum(['active', 'expired', 'revoked']),
    createdAt: z.number().int().nullable(),
    createdBy: z.string().nullable(),
    expiresAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
  })
  .openapi('ApiKeyInfo');

const CreateKeyBody = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9._@:-]{1,64}$/, '1-64 letters, digits or ._@:- characters'),
    role: z.enum(ROLES),
    expiresAt: z
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({ description: 'epoch ms after which the key is refused' }),
  })
  .openapi('CreateApiKeyRequest');

const CreatedKeySchema = z
  .object({
    key: z.string().openapi({ description: 'the secret key: shown in this answer only' }),
    item: ApiKeyInfoSchema,
  })
  .openapi('CreatedApiKey');

type ApiKeyInfo = z.infer<typeof ApiKeyInfoSchema>;

function info(row: StoredApiKeyRecord, now: number): ApiKeyInfo {
  return {
    name: row.name,
    role: row.role as ApiKeyRole,
    prefix: row.prefix,
    source: 'store',
    state:
      row.revokedAt !== undefined
        ? 'revoked'
        : row.expiresAt !== undefined && row.expiresAt <= now
          ? 'expired'
          : 'active',
    createdAt: row.createdAt,
    createdBy: row.createdBy ?? null,
    expiresAt: row.expiresAt ?? null,
    revokedAt: row.revokedAt ?? null,
  };
}

function refused(detail: string): DuroxideError {
  return new DuroxideError(ERROR_CODES.REQUEST_REFUSED, detail);
}

export function registerKeyRoutes(app: ManagementApp, deps: RouteDeps): void {
  const store = () => deps.client.operatorStore();
  const admin = requireRole('admin', deps.isReadOnly);
  const adminRead = requireRole('admin', false);
  const isConfigured = (name: string): boolean =>
    deps.keyRing.configured().some((k) => k.name === name);

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/keys`,
      tags: ['keys'],
      summary: 'API keys: those kept in the store (revoked ones too) and the configured ones',
      middleware: adminRead,
      'x-required-role': 'admin',
      responses: {
        200: ok(z.object({ items: z.array(ApiKeyInfoSchema) }).openapi('ApiKeyList'), 'keys'),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const now = Date.now();
      const configured: ApiKeyInfo[] = deps.keyRing.configured().map((k) => ({
        ...k,
        source: 'config',
        state: k.expiresAt !== undefined && k.expiresAt <= now ? 'expired' : 'active',
        createdAt: null,
        createdBy: null,
        expiresAt: k.expiresAt ?? null,
        revokedAt: null,
      }));
      const stored = (await store().listApiKeys()).flatMap((r) =>
        Object.hasOwn(API_KEY_ROLES, r.role) ? [info(r, now)] : [],
      );
      return c.json({ items: [...configured, ...stored] }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API_PREFIX}/keys`,
      tags: ['keys'],
      summary:
        'Creates an API key kept in the store; the answer holds the secret key, shown this once',
      middleware: admin,
      'x-required-role': 'admin',
      request: {
        body: { required: true, content: { 'application/json': { schema: CreateKeyBody } } },
      },
      responses: {
        201: ok(CreatedKeySchema, 'the key and its record'),
        ...problemResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const actor = c.get('principal').actor;
      const created = await audited(
        c,
        deps,
        'api-key.create',
        `api-key:${body.name}`,
        { role: body.role, ...(body.expiresAt !== undefined ? { expiresAt: body.expiresAt } : {}) },
        async () => {
          if (isConfigured(body.name))
            throw refused(`a configured API key is named '${body.name}'; choose another name`);
          const { key, record } = await createApiKey(
            body.name,
            body.role,
            body.expiresAt !== undefined ? { expiresAt: body.expiresAt } : {},
          );
          const isStored = await store().insertApiKey({
            prefix: record.prefix,
            name: record.name,
            role: record.role,
            hash: record.hash,
            createdBy: actor,
            expiresAt: record.expiresAt,
          });
          if (!isStored)
            throw refused(
              `an API key named '${body.name}' exists and is not revoked; revoke it first (DELETE ${API_PREFIX}/keys/${body.name})`,
            );
          return { key, prefix: record.prefix };
        },
      );
      deps.keyRing.invalidate();
      const row = (await store().listApiKeys()).find((r) => r.prefix === created.prefix);
      if (row === undefined)
        throw new DuroxideError(
          ERROR_CODES.PROVIDER_ERROR,
          'the stored key could not be read back',
        );
      return c.json({ key: created.key, item: info(row, Date.now()) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${API_PREFIX}/keys/{name}`,
      tags: ['keys'],
      summary:
        'Revokes the stored API key with this name (refused within a few seconds everywhere)',
      middleware: admin,
      'x-required-role': 'admin',
      request: { params: z.strictObject({ name: z.string().min(1).max(64) }) },
      responses: {
        200: ok(z.object({ item: ApiKeyInfoSchema }).openapi('RevokedApiKey'), 'the revoked key'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      const row = await audited(c, deps, 'api-key.revoke', `api-key:${name}`, {}, async () => {
        if (isConfigured(name))
          throw refused(
            `'${name}' is a configured API key: revoke it by removing its record from the server's keys (DUROXIDE_API_KEYS, --keys-file)`,
          );
        const revoked = await store().revokeApiKey(name);
        if (revoked === null)
          throw new DuroxideError(
            ERROR_CODES.RESOURCE_NOT_FOUND,
            `there is no API key named '${name}' that is not revoked; list them with GET ${API_PREFIX}/keys`,
          );
        return revoked;
      });
      deps.keyRing.invalidate();
      return c.json({ item: info(row, Date.now()) }, 200);
    },
  );
}
