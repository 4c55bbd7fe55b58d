/**
 * `npm run bench:otel` — the cost of metrics and tracing on chain3 throughput
 * (docs/performance.md, "Observability overhead").
 *
 *   node .build/bench/otel-overhead.js [--instances 1000] [--rounds 3] [--provider sqlite|postgres]
 *                       [--modes none,metricsOnly,contextOnly,sdkNoSpans,unsampled,full]
 *   node .build/bench/otel-overhead.js --hooks
 *
 * Alternates rounds of chain3 (closed loop, 100 in flight) in set-ups from no OpenTelemetry SDK
 * registered (the API's no-op providers: what an application without OpenTelemetry gets, plus
 * the runtime's own Prometheus registry, which is always on) to the SDK registered as an
 * application would (a MeterProvider with a periodic reader and a TracerProvider with a
 * BatchSpanProcessor, both exporting to memory), once with duroxide's spans off (`tracing:
 * false`: what the SDK costs by itself) and with them on, nothing or every span sampled. Prints the
 * median throughput and CPU per instance of each. `--hooks` times the runtime's observability
 * calls alone for one chain3 instance (an execution span, four turns, three activity attempts
 * and their metrics): a figure a busy machine disturbs far less than end-to-end throughput.
 */
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteProvider, type Provider } from '../src/index.js';
import { Observability } from '../src/runtime/observability/observability.js';
import type { ExecutionInfo } from '../src/runtime/observability/execution-tracer.js';
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
 * `contextOnly`: just the async-hooks context manager, in use (an instrumented application runs
 * code in contexts all the time; the first `context.with` turns Node 20's promise hooks on for
 * the whole process, which slows every promise down whatever duroxide-ts does). `full`: the
 * whole SDK, every span sampled; `unsampled`: the whole SDK with a sampler that keeps nothing.
 */
function installSdk(mode: 'metricsOnly' | 'contextOnly' | 'full' | 'unsampled'): Installed {
  if (mode !== 'metricsOnly') {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    context.with(context.active(), () => undefined);
  }
  if (mode === 'contextOnly')
    return {
      spanCount: () => 0,
      uninstall: async () => {
        context.disable();
      },
    };
  // Exporters that count and drop, as a network exporter would hand the data off.
  let exported = 0;
  const spans: SpanExporter = {
    export(batch, done) {
      exported += batch.length;
      done({ code: 0 });
    },
    shutdown: async () => undefined,
  };
  const metricExporter: PushMetricExporter = {
    export(_metrics, done) {
      done({ code: 0 });
    },
    forceFlush: async () => undefined,
    shutdown: async () => undefined,
    selectAggregationTemporality: () => AggregationTemporality.CUMULATIVE,
  };
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new BatchSpanProcessor(spans, { maxQueueSize: 100_000 })],
    ...(mode === 'unsampled'
      ? { sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }) }
      : {}),
  });
  const meterProvider = new MeterProvider({
    readers: [
      new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 1000 }),
    ],
  });
  if (mode !== 'metricsOnly') trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    spanCount: () => exported,
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

const ALL_MODES = [
  'none',
  'metricsOnly',
  'contextOnly',
  'sdkNoSpans',
  'unsampled',
  'full',
] as const;
type Mode = (typeof ALL_MODES)[number];
const MODES: readonly Mode[] = arg('modes', ALL_MODES.join(','))
  .split(',')
  .filter((m): m is Mode => (ALL_MODES as readonly string[]).includes(m));
const LABELS: Record<Mode, string> = {
  none: 'no SDK (Prometheus registry only)',
  metricsOnly: 'metrics SDK only',
  contextOnly: 'context manager only, in use',
  sdkNoSpans: "full SDK, duroxide's spans off",
  unsampled: 'full SDK, nothing sampled',
  full: 'full SDK, every span sampled',
};

async function main(): Promise<void> {
  const factory = await providerFactory();
  const env = (mode: Mode): w.BenchEnv => ({
    createProvider: factory.create,
    runtimeOptions: mode === 'sdkNoSpans' ? { tracing: false } : {},
  });
  const sizes: w.Sizes = { ...w.QUICK, chainInstances: instances };
  // Warm-up (JIT, page cache), not counted.
  await w.chain(env('none'), { ...sizes, chainInstances: Math.min(200, instances) }, 3);
  const rate = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
  const cpuMs = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
  let spans = 0;
  for (let r = 0; r < rounds; r++) {
    // Rotate the order so a slow spell of a shared machine does not always hit one mode.
    for (let k = 0; k < MODES.length; k++) {
      const mode = MODES[(r + k) % MODES.length]!;
      const sdk = mode === 'none' ? undefined : installSdk(mode === 'sdkNoSpans' ? 'full' : mode);
      const result = await w.chain(env(mode), sizes, 3);
      if (sdk !== undefined) {
        await sdk.uninstall();
        if (mode === 'full') spans += sdk.spanCount();
      }
      rate.get(mode)!.push(result.orchestrations / result.seconds);
      cpuMs.get(mode)!.push((result.cpuSeconds * 1000) / result.orchestrations);
    }
    console.log(
      `round ${r + 1}: ` +
        MODES.map(
          (m) => `${m} ${rate.get(m)![r]!.toFixed(0)}/s ${cpuMs.get(m)![r]!.toFixed(2)} cpu-ms`,
        ).join(', '),
    );
  }
  await factory.done();
  const base = MODES[0]!;
  const baseCpu = median(cpuMs.get(base)!);
  const baseRate = median(rate.get(base)!);
  const pct = (a: number, b: number) => `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)}%`;
  console.log(
    `chain3 on ${providerKind}, ${instances} instances x ${rounds} rounds, medians ` +
      `(${Math.round(spans / rounds)} spans per full round; vs ${base}):`,
  );
  for (const m of MODES) {
    const c = median(cpuMs.get(m)!);
    const t = median(rate.get(m)!);
    console.log(
      `  ${LABELS[m].padEnd(36)} ${t.toFixed(0).padStart(5)}/s (${pct(baseRate, t)}), ` +
        `${c.toFixed(3)} CPU ms per instance (${pct(baseCpu, c)})`,
    );
  }
}

/** CPU µs of the observability calls of one chain3 instance, averaged over `n`. */
async function hookCost(n: number, tracing = true): Promise<number> {
  const obs = new Observability({ queueStats: undefined, cachedInstances: () => 0 });
  await obs.start(tracing);
  const one = async (i: number): Promise<void> => {
    const base = {
      instanceId: `hooks-${i}`,
      executionId: 1,
      orchestrationName: 'Chain',
      orchestrationVersion: '1.0.0',
      startedAt: Date.now(),
    };
    const execution: ExecutionInfo = {
      ...base,
      traceContext: obs.tracer?.startExecution(base, undefined),
    };
    for (let t = 0; t < 4; t++) {
      const turn = obs.turn(execution);
      const items = turn.stamp(
        t < 3
          ? [
              {
                type: 'ActivityExecute' as const,
                instance: base.instanceId,
                executionId: 1,
                id: t + 2,
                name: 'Step',
                input: '1',
              },
            ]
          : [],
      );
      turn.committed(
        {
          historyDelta: [],
          workerItems: [],
          orchestratorItems: [],
          cancelledActivities: [],
          status: t === 3 ? 'Completed' : 'Running',
          started:
            t === 0
              ? { name: 'Chain', version: '1.0.0', parent: undefined, duroxideVersion: '0' }
              : undefined,
        },
        t === 0 ? { type: 'StartOrchestration' } : undefined,
      );
      const item = items[0];
      if (item?.type === 'ActivityExecute') {
        const a = obs.activity(item, 1);
        await a.run(async () => 1);
        a.finish('success');
      }
    }
  };
  for (let i = 0; i < 2000; i++) await one(i); // warm-up
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await one(i);
  const cpu = process.cpuUsage(cpu0);
  obs.stop();
  return (cpu.user + cpu.system) / n;
}

async function hooks(): Promise<void> {
  const n = Number(arg('calls', '20000'));
  const figures: [string, number][] = [['no SDK', await hookCost(n)]];
  for (const [label, mode, tracing] of [
    ["full SDK, duroxide's spans off", 'full', false],
    ['full SDK, nothing sampled', 'unsampled', true],
    ['full SDK, 8 spans sampled', 'full', true],
  ] as const) {
    const sdk = installSdk(mode);
    figures.push([label, await hookCost(n, tracing)]);
    await sdk.uninstall();
  }
  console.log('observability calls per chain3 instance (CPU µs):');
  for (const [label, us] of figures) console.log(`  ${label.padEnd(32)} ${us.toFixed(1)}`);
}

if (process.argv.includes('--hooks')) void hooks();
else void main();
