/**
 * What every route of the management server shares: the hono environment (the caller, set by
 * the auth middleware), the Client, and the audit and role helpers.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Client } from '../client/client.js';
import { type ApiKeyRole } from './auth/api-keys.js';
/** Who is calling: the API key's name and role, or `local` (admin) on a server without keys. */
interface Principal {
    readonly actor: string;
    readonly role: ApiKeyRole;
}
export interface ServerEnv {
    Variables: {
        principal: Principal;
    };
    /** Set when the request came through the Node listener; absent for the fetch handler. */
    Bindings: {
        incoming?: IncomingMessage;
        outgoing?: ServerResponse;
    };
}
export type ManagementApp = OpenAPIHono<ServerEnv>;
export interface RouteDeps {
    readonly client: Client;
    readonly isReadOnly: boolean;
    readonly authMode: 'apiKeys' | 'loopback';
}
/** API paths start with this. */
export declare const API_PREFIX = "/api/v1";
/**
 * Route middleware: refuses callers whose role is below `role`, and every mutation when the
 * server is read-only.
 */
export declare function requireRole(role: ApiKeyRole, isReadOnly: boolean): MiddlewareHandler<ServerEnv>;
/**
 * Runs a mutation and records it in the audit log with the caller as actor and its result
 * (`ok`, or the error code); the error, if any, is rethrown.
 */
export declare function audited<T>(c: Context<ServerEnv>, deps: RouteDeps, action: string, target: string, details: Record<string, unknown>, run: () => Promise<T>, reason?: string): Promise<T>;
export {};
