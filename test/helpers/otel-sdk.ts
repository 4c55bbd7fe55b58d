/**
 * The OpenTelemetry SDK installed globally with in-memory exporters, as an application would
 * install it, for the observability tests. One per test file (the API's globals are per process).
 */
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
  type Histogram,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

export interface OtelSdk {
  readonly spans: InMemorySpanExporter;
  /** The current value of every data point of metric `name`, collected now. */
  points(name: string): Promise<DataPoint<number | Histogram>[]>;
  shutdown(): Promise<void>;
}

export function installOtelSdk(): OtelSdk {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(spans)],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(tracerProvider);
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    spans,
    async points(name) {
      exporter.reset();
      await reader.forceFlush();
      const found: DataPoint<number | Histogram>[] = [];
      for (const rm of exporter.getMetrics())
        for (const sm of rm.scopeMetrics)
          for (const m of sm.metrics)
            if (m.descriptor.name === name)
              found.push(...(m.dataPoints as DataPoint<number | Histogram>[]));
      return found;
    },
    async shutdown() {
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
      trace.disable();
      metrics.disable();
      context.disable();
    },
  };
}

/** Spans of one instance (attribute `duroxide.instance_id`), in end order. */
export function spansOf(sdk: OtelSdk, instanceId: string): ReadableSpan[] {
  return sdk.spans
    .getFinishedSpans()
    .filter((s) => s.attributes['duroxide.instance_id'] === instanceId);
}
