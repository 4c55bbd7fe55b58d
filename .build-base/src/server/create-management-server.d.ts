/**
 * `createManagementServer`: the management HTTP API over a `Client`, as a fetch-style handler
 * and a Node `http` request listener an app can mount, plus `listen` for a standalone server
 * (docs/management-api.md, docs/decisions/0007-management-server.md).
 * @module
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Client } from '../client/client.js';
import { type ApiKeyRecord } from './auth/api-keys.js';
import { type ManagementApp } from './server-env.js';
export interface ManagementServerOptions {
    readonly client: Client;
    /**
     * API key records (`createApiKey`, `duroxide keys create`). Without any, every caller is
     * admin `local`, `listen` refuses non-loopback hosts and the Node listener answers only
     * loopback peers.
     */
    readonly auth?: {
        readonly keys?: readonly ApiKeyRecord[];
    };
    /** Refuse every mutation (403 PERMISSION_DENIED). Default false. */
    readonly isReadOnly?: boolean;
    /** Largest request body in bytes (413 beyond). Default {@link DEFAULT_MAX_BODY_BYTES}. */
    readonly maxBodyBytes?: number;
    /** Receives errors that are not DuroxideErrors (answered 500 INTERNAL_ERROR). Default: console.error. */
    readonly onInternalError?: (error: unknown) => void;
}
export interface ManagementListenOptions {
    /** Default 0 (any free port). */
    readonly port?: number;
    /** Default `127.0.0.1`. A non-loopback host needs API keys. */
    readonly host?: string;
    /** Longest time to receive a whole request. Default 30,000 ms. */
    readonly requestTimeoutMs?: number;
}
export interface ListeningManagementServer {
    readonly url: string;
    readonly port: number;
    readonly host: string;
    close(): Promise<void>;
}
export interface ManagementServer {
    /** The hono app, e.g. to mount under another hono app with `app.route('/', server.app)`. */
    readonly app: ManagementApp;
    /** Fetch-style handler (`Request` → `Response`). */
    fetch(request: Request): Promise<Response>;
    /** Node `http` request listener: `http.createServer(server.nodeHandler)`. */
    readonly nodeHandler: (request: IncomingMessage, response: ServerResponse) => void;
    /** The OpenAPI 3.1 document (also served at `/api/v1/openapi.json`). */
    openApiDocument(): Record<string, unknown>;
    /** Starts a standalone HTTP server. @throws InvalidInputError for a non-loopback host without keys. */
    listen(options?: ManagementListenOptions): Promise<ListeningManagementServer>;
}
/**
 * Builds the management API over `options.client`.
 * @throws InvalidInputError for malformed key records or options.
 * @example
 * const server = createManagementServer({ client: new Client(provider) });
 * const { url } = await server.listen({ port: 8080 });
 */
export declare function createManagementServer(options: ManagementServerOptions): ManagementServer;
