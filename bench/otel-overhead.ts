/**
 * `npm run bench:otel` — the cost of metrics and tracing on chain3 throughput
 * (docs/performance.md, "Observability overhead").
 *
 *   node .build/bench/otel-overhead.js [--instances 1000] [--rounds 3] [--provider sqlite|postgres]
 *
 * Alternates rounds of chain3 (closed loop, 100 in flight) without an OpenTelemetry SDK
 * registered (the API's no-op providers: what an application without OpenTelemetry gets, plus
 * the runtime's own Prometheus registry, which is always on) and with the SDK registered as an
 * application would: a MeterProvider with a periodic reader and a TracerProvider with a
 * BatchSpanProcessor, both exporting to memory. Prints the median throughput of each and the
 * overhead.
 */
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteProvider, type Provider } from '../src/index.js';
import * as w from './workloads.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const instances = Number(arg('instances', '1000'));
const rounds = Number(arg('rounds', '3'));
const providerKind = arg('provider', 'sqlite');

interface Installed {
  /** Spans exported so far. */
  spanCount(): number;
  uninstall(): Promise<void>;
}

/**
 * `contextOnly`: just the async-hooks context manager (every OpenTelemetry setup installs one;
 * on Node 20 it slows every promise down, whatever duroxide-ts does). `full`: the whole SDK.
 */
function installSdk(mode: 'contextOnly' | 'full'): Installed {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  if (mode === 'contextOnly')
    return {
      spanCount: () => 0,
      uninstall: async () => {
        context.disable();
      },
    };
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new BatchSpanProcessor(spans, { maxQueueSize: 100_000 })],
  });
  const meterProvider = new MeterProvider({
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
        exportIntervalMillis: 1000,
      }),
    ],
  });
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    spanCount: () => spans.getFinishedSpans().length,
    async uninstall() {
      await tracerProvider.forceFlush();
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
      trace.disable();
      metrics.disable();
      context.disable();
    },
  };
}

async function providerFactory(): Promise<{
  create: () => Promise<Provider>;
  done: () => Promise<void>;
}> {
  if (providerKind === 'postgres') {
    const { postgresServer } = await import('../test/helpers/postgres-cluster.js');
    const { PostgresProvider } = await import('../src/providers/postgres/postgres-provider.js');
    const server = await postgresServer();
    let n = 0;
    return {
      create: () => PostgresProvider.connectWithSchema(server.url, `otel_${process.pid}_${++n}`),
      done: async () => undefined,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'duroxide-otel-bench-'));
  let n = 0;
  return {
    create: () => SqliteProvider.open(`sqlite:${join(dir, `bench-${++n}.db`)}`),
    done: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const MODES = ['none', 'contextOnly', 'full'] as const;
type Mode = (typeof MODES)[number];

async function main(): Promise<void> {
  const factory = await providerFactory();
  const env: w.BenchEnv = { createProvider: factory.create, runtimeOptions: {} };
  const sizes: w.Sizes = { ...w.QUICK, chainInstances: instances };
  // Warm-up (JIT, page cache), not counted.
  await w.chain(env, { ...sizes, chainInstances: Math.min(200, instances) }, 3);
  const rate: Record<Mode, number[]> = { none: [], contextOnly: [], full: [] };
  const cpuMs: Record<Mode, number[]> = { none: [], contextOnly: [], full: [] };
  let spans = 0;
  for (let r = 0; r < rounds; r++) {
    // Rotate the order so a slow spell of a shared machine does not always hit one mode.
    for (let k = 0; k < MODES.length; k++) {
      const mode = MODES[(r + k) % MODES.length]!;
      const sdk = mode === 'none' ? undefined : installSdk(mode);
      const result = await w.chain(env, sizes, 3);
      if (sdk !== undefined) {
        spans += sdk.spanCount();
        await sdk.uninstall();
      }
      rate[mode].push(result.orchestrations / result.seconds);
      cpuMs[mode].push((result.cpuSeconds * 1000) / result.orchestrations);
    }
    console.log(
      `round ${r + 1}: ` +
        MODES.map((m) => `${m} ${rate[m][r]!.toFixed(0)}/s ${cpuMs[m][r]!.toFixed(2)} cpu-ms`).join(
          ', ',
        ),
    );
  }
  await factory.done();
  const med = (m: Mode) => ({ rate: median(rate[m]), cpu: median(cpuMs[m]) });
  const none = med('none');
  const ctx = med('contextOnly');
  const full = med('full');
  const pct = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(1)}%`;
  console.log(
    `chain3 on ${providerKind}, ${instances} instances x ${rounds} rounds (medians; ${Math.round(spans / rounds)} spans per full round):\n` +
      `  no SDK:          ${none.rate.toFixed(0)}/s, ${none.cpu.toFixed(2)} CPU ms per instance\n` +
      `  context manager: ${ctx.rate.toFixed(0)}/s, ${ctx.cpu.toFixed(2)} CPU ms per instance\n` +
      `  full SDK:        ${full.rate.toFixed(0)}/s, ${full.cpu.toFixed(2)} CPU ms per instance\n` +
      `  metrics+tracing vs no SDK: throughput ${pct(none.rate, full.rate)}, CPU ${pct(none.cpu, full.cpu)}; ` +
      `vs context manager alone: throughput ${pct(ctx.rate, full.rate)}, CPU ${pct(ctx.cpu, full.cpu)}`,
  );
}

void main();
