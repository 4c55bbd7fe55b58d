/**
 * A Node `http` request listener answering with the Prometheus text format, for applications
 * that do not run the management server (`runtime.metricsHandler()`).
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROMETHEUS_CONTENT_TYPE } from './metric-registry.js';

/** Request listener `(req, res)`; also fits Express/Connect as a route handler. */
export type MetricsRequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Answers GET and HEAD with `render()`'s text (200), anything else with 405, and a failed render
 * (the store unreachable) with 503 and the reason.
 */
export function metricsRequestListener(render: () => Promise<string>): MetricsRequestListener {
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      response.end('method not allowed; scrape with GET\n');
      return;
    }
    render().then(
      (text) => {
        response.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        response.writeHead(503, { 'content-type': 'text/plain' });
        response.end(`metrics unavailable: ${String(error)}\n`);
      },
    );
  };
}
