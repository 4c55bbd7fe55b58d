/**
 * What every route of the management server shares: the hono environment (the caller, set by
 * the auth middleware), the Client, and the audit and role helpers.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Client } from '../client/client.js';
import { DuroxideError, ERROR_CODES, isDuroxideError } from '../core/errors/duroxide-error.js';
import { roleAllows, type ApiKeyRole } from './auth/api-keys.js';
import type { KeyRing } from './auth/key-ring.js';

/** Who is calling: the API key's name and role, or `local` (admin) on a server without keys. */
interface Principal {
  readonly actor: string;
  readonly role: ApiKeyRole;
}

export interface ServerEnv {
  Variables: { principal: Principal };
  /** Set when the request came through the Node listener; absent for the fetch handler. */
  Bindings: { incoming?: IncomingMessage; outgoing?: ServerResponse };
}

export type ManagementApp = OpenAPIHono<ServerEnv>;

export interface RouteDeps {
  readonly client: Client;
  readonly isReadOnly: boolean;
  /** `apiKeys` once the server needs keys (configured or stored ones), else `loopback`. */
  readonly authMode: () => Promise<'apiKeys' | 'loopback'>;
  readonly keyRing: KeyRing;
  /** Wakes the bulk job runner (a job was just created). */
  readonly onBulkJobCreated: () => void;
}

/** API paths start with this. */
export const API_PREFIX = '/api/v1';

/**
 * Route middleware: refuses callers whose role is below `role`, and every mutation when the
 * server is read-only.
 */
export function requireRole(role: ApiKeyRole, isReadOnly: boolean): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (isReadOnly && role !== 'viewer') {
      throw new DuroxideError(
        ERROR_CODES.PERMISSION_DENIED,
        'the management server runs read-only; restart it without --read-only to make changes',
      );
    }
    if (!roleAllows(principal.role, role)) {
      throw new DuroxideError(
        ERROR_CODES.PERMISSION_DENIED,
        `the API key '${principal.actor}' has role ${principal.role}; this needs ${role} (viewer < operator < admin)`,
      );
    }
    await next();
  };
}

/**
 * Runs a mutation and records it in the audit log with the caller as actor and its result
 * (`ok`, or the error code); the error, if any, is rethrown.
 */
export async function audited<T>(
  c: Context<ServerEnv>,
  deps: RouteDeps,
  action: string,
  target: string,
  details: Record<string, unknown>,
  run: () => Promise<T>,
  reason?: string,
): Promise<T> {
  const actor = c.get('principal').actor;
  const record = (result: Record<string, unknown>): Promise<void> =>
    deps.client.appendAuditEntry(action, target, {
      actor,
      ...(reason !== undefined ? { reason } : {}),
      details: { ...details, ...result },
    });
  let value: T;
  try {
    value = await run();
  } catch (error) {
    await record({
      result: 'error',
      code: isDuroxideError(error) ? error.code : ERROR_CODES.INTERNAL_ERROR,
    });
    throw error;
  }
  await record({ result: 'ok' });
  return value;
}
