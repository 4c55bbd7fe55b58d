/**
 * `MetricRegistry`: the runtime's one store of metric values — counters, histograms and gauges by
 * label set — rendered in the Prometheus text format for `/metrics` and read back by the
 * in-process snapshot. OpenTelemetry gets the same measurements as they happen
 * (otel-metrics.ts); this registry never depends on it. Why not prom-client: one registry per
 * runtime without a process-wide default, and no runtime dependency
 * (docs/decisions/0009-observability.md).
 * @module
 */

/** Label values in the order of the family's label names. */
export type LabelValues = readonly string[];

interface FamilyBase {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
}

/** Upper bounds (seconds) of duration histograms: 1 ms … 60 s. */
const DURATION_BUCKETS_SECONDS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

/** Most label sets a family keeps; beyond it, new sets go to one `other` series. */
const MAX_SERIES_PER_FAMILY = 2000;
const OVERFLOW = 'other';

function keyOf(values: LabelValues): string {
  return values.length === 1 ? values[0]! : values.join('\u0000');
}

/** A monotonically increasing count per label set. */
export class CounterFamily implements FamilyBase {
  readonly type = 'counter';
  readonly #series = new Map<string, { values: LabelValues; count: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
  ) {}

  inc(values: LabelValues = [], by = 1): void {
    const key = keyOf(values);
    const s = this.#series.get(key);
    if (s !== undefined) {
      s.count += by;
      return;
    }
    const stored = this.#series.size < MAX_SERIES_PER_FAMILY ? values : values.map(() => OVERFLOW);
    const overflowKey = keyOf(stored);
    const existing = this.#series.get(overflowKey);
    if (existing !== undefined) existing.count += by;
    else this.#series.set(overflowKey, { values: stored, count: by });
  }

  /** Sum over every label set. */
  total(): number {
    let sum = 0;
    for (const s of this.#series.values()) sum += s.count;
    return sum;
  }

  samples(): Iterable<{ values: LabelValues; count: number }> {
    return this.#series.values();
  }
}

interface HistogramSeries {
  readonly values: LabelValues;
  /** Non-cumulative counts per bucket; the last slot is +Inf. */
  readonly buckets: number[];
  sum: number;
  count: number;
}

/** Observations per label set, in fixed buckets. */
export class HistogramFamily implements FamilyBase {
  readonly type = 'histogram';
  /** Receives every observation too (the OpenTelemetry histogram, when installed). */
  mirror: ((values: LabelValues, value: number) => void) | undefined;
  readonly #series = new Map<string, HistogramSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    readonly bounds: readonly number[] = DURATION_BUCKETS_SECONDS,
  ) {}

  observe(values: LabelValues, value: number): void {
    this.mirror?.(values, value);
    const key = keyOf(values);
    let s = this.#series.get(key);
    if (s === undefined) {
      const stored =
        this.#series.size < MAX_SERIES_PER_FAMILY ? values : values.map(() => OVERFLOW);
      const storedKey = keyOf(stored);
      s = this.#series.get(storedKey);
      if (s === undefined) {
        s = {
          values: stored,
          buckets: new Array<number>(this.bounds.length + 1).fill(0),
          sum: 0,
          count: 0,
        };
        this.#series.set(storedKey, s);
      }
    }
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]!) i++;
    s.buckets[i]!++;
    s.sum += value;
    s.count++;
  }

  samples(): Iterable<HistogramSeries> {
    return this.#series.values();
  }
}

/** A value read when metrics are collected (queue depths, cache size). */
export interface GaugeReading {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly samples: readonly { readonly values: LabelValues; readonly value: number }[];
}

export type MetricFamily = CounterFamily | HistogramFamily;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function labels(names: readonly string[], values: LabelValues, extra?: string): string {
  const parts = names.map((n, i) => `${n}="${escapeLabel(values[i] ?? '')}"`);
  if (extra !== undefined) parts.push(extra);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function num(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/**
 * The Prometheus text exposition format (version 0.0.4) of `families` and `gauges`. Families
 * without a sample are written with their HELP and TYPE lines only, so dashboards see every name.
 */
export function renderPrometheus(
  families: readonly MetricFamily[],
  gauges: readonly GaugeReading[] = [],
): string {
  const out: string[] = [];
  for (const f of families) {
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    if (f instanceof CounterFamily) {
      for (const s of f.samples())
        out.push(`${f.name}${labels(f.labelNames, s.values)} ${num(s.count)}`);
      continue;
    }
    for (const s of f.samples()) {
      let cumulative = 0;
      for (const [i, bound] of [...f.bounds, Infinity].entries()) {
        cumulative += s.buckets[i]!;
        out.push(
          `${f.name}_bucket${labels(f.labelNames, s.values, `le="${num(bound)}"`)} ${cumulative}`,
        );
      }
      out.push(`${f.name}_sum${labels(f.labelNames, s.values)} ${num(s.sum)}`);
      out.push(`${f.name}_count${labels(f.labelNames, s.values)} ${s.count}`);
    }
  }
  for (const g of gauges) {
    out.push(`# HELP ${g.name} ${escapeHelp(g.help)}`, `# TYPE ${g.name} gauge`);
    for (const s of g.samples)
      out.push(`${g.name}${labels(g.labelNames, s.values)} ${num(s.value)}`);
  }
  return `${out.join('\n')}\n`;
}

/** The content type of {@link renderPrometheus}'s output. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
