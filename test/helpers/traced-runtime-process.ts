/**
 * Child-process entry for the cross-process tracing test: a Runtime with the OpenTelemetry SDK
 * installed, whose finished spans are sent to the parent over IPC as plain objects.
 *
 * - `DUROXIDE_TP_ROLE=parent` registers `TracedParent` (which awaits the sub-orchestration
 *   `TracedChild`); `child` registers `TracedChild` and its activity `TracedWork`. So the
 *   parent runs on one process and the child on the other.
 * - The store: `DUROXIDE_TP_DB` (SQLite file) or `DUROXIDE_TP_PG_URL` + `DUROXIDE_TP_PG_SCHEMA`.
 * - Sends `{ type: 'ready' }` once started, `{ type: 'span', span }` per finished span; on
 *   SIGTERM shuts down and exits 0; exits at once when the parent disappears.
 *
 * Run without an IPC channel (as a stray test file) it exits 0 at once.
 * @module
 */
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { Runtime, SqliteProvider, type Provider } from '../../src/index.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';

/** A finished span as sent to the parent. */
export interface SentSpan {
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly attributes: Record<string, unknown>;
  readonly pid: number;
}

export type TracedChildMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'span'; readonly span: SentSpan }
  | { readonly type: 'error'; readonly message: string };

function send(message: TracedChildMessage): void {
  if (process.connected) process.send?.(message);
}

const ipcExporter: SpanExporter = {
  export(spans: ReadableSpan[], done) {
    for (const s of spans)
      send({
        type: 'span',
        span: {
          name: s.name,
          traceId: s.spanContext().traceId,
          spanId: s.spanContext().spanId,
          parentSpanId: s.parentSpanContext?.spanId,
          attributes: { ...s.attributes },
          pid: process.pid,
        },
      });
    done({ code: 0 });
  },
  async shutdown() {},
};

async function main(): Promise<void> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(ipcExporter)] }),
  );
  const env = process.env;
  const provider: Provider =
    env.DUROXIDE_TP_DB !== undefined
      ? await SqliteProvider.open(`sqlite:${env.DUROXIDE_TP_DB}`)
      : await PostgresProvider.connectWithSchema(
          env.DUROXIDE_TP_PG_URL ?? '',
          env.DUROXIDE_TP_PG_SCHEMA ?? '',
        );
  const runtime = new Runtime(provider, {
    logLevel: 'off',
    dispatcherPollIntervalMs: 20,
    nodeHeartbeatIntervalMs: 100,
    unregisteredBackoff: { baseMs: 20, maxMs: 100 },
  });
  if (env.DUROXIDE_TP_ROLE === 'parent') {
    runtime.registerOrchestration('TracedParent', async (ctx, n: number) =>
      ctx.scheduleSubOrchestrationWithId('TracedChild', `${ctx.instanceId}-child`, n),
    );
  } else {
    runtime.registerActivity('TracedWork', async (_ctx, n: number) => n * 10);
    runtime.registerOrchestration('TracedChild', async (ctx, n: number) =>
      ctx.scheduleActivity('TracedWork', n),
    );
  }
  await runtime.start();
  process.on('SIGTERM', () => {
    void runtime
      .shutdown(2000)
      .then(() => provider.close())
      .finally(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

if (process.send !== undefined && process.env.DUROXIDE_TP_ROLE !== undefined) {
  main().catch((error: unknown) => {
    send({ type: 'error', message: String(error) });
    process.exit(1);
  });
}
