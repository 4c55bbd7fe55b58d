/**
 * The runtime's metrics (docs/observability.md lists them): one {@link MetricRegistry}-style set
 * of families per runtime, mirrored into OpenTelemetry instruments when the API is installed.
 * Labels are bounded: orchestration and activity names and versions, outcomes — never instance
 * ids.
 * @module
 */
import type { Attributes } from '@opentelemetry/api';
import { DUROXIDE_VERSION } from '../../core/version.js';
import type { QueueStatRecord, QueueStatsRecord } from '../../providers/provider.js';
import {
  CounterFamily,
  HistogramFamily,
  type GaugeReading,
  type LabelValues,
  type MetricFamily,
} from './metric-registry.js';
import type { OtelApi } from '../../client/otel-api.js';

const NAME = 'orchestration_name';
const VERSION = 'orchestration_version';
const ACTIVITY = 'activity_name';

/** Prometheus label → OpenTelemetry attribute key (the semantic names the docs promise). */
const ATTRIBUTE_KEYS: Readonly<Record<string, string>> = {
  [NAME]: 'orchestration.name',
  [VERSION]: 'orchestration.version',
  [ACTIVITY]: 'activity.name',
};

/** How an execution started, the `initiated_by` label. */
export type InitiatedBy = 'client' | 'suborchestration' | 'continueAsNew';
/** The `outcome` label of one activity attempt. */
export type ActivityOutcome =
  'success' | 'app_error' | 'cancelled' | 'infra_error' | 'config_error';
/** The `lock` label: which lock was renewed or lost. */
export type LockKind = 'orchestration' | 'activity';

/** The `error_type` label of a failed execution, from its error category. */
export function errorType(category: string | undefined): string {
  switch (category) {
    case 'application':
      return 'app_error';
    case 'infrastructure':
      return 'infrastructure_error';
    case 'configuration':
      return 'config_error';
    case 'poison':
      return 'poison';
    default:
      return 'unknown';
  }
}

/** Sources of the gauges, read when metrics are collected. */
export interface GaugeSources {
  /**
   * The store's queue statistics (depths and oldest ready item), read at scrape or collection
   * time; absent when the provider cannot read them (no `management` capability).
   */
  readonly queueStats: (() => Promise<QueueStatsRecord>) | undefined;
  readonly cachedInstances: () => number;
}

export class RuntimeInstruments {
  readonly orchestrationStarts = new CounterFamily(
    'duroxide_orchestration_starts_total',
    'Executions started, by orchestration, version and how they started.',
    [NAME, VERSION, 'initiated_by'],
  );
  readonly orchestrationCompletions = new CounterFamily(
    'duroxide_orchestration_completions_total',
    'Executions finished (success, failed, continuedAsNew).',
    [NAME, VERSION, 'status'],
  );
  readonly orchestrationFailures = new CounterFamily(
    'duroxide_orchestration_failures_total',
    'Executions failed, by error type (app_error, infrastructure_error, config_error, poison).',
    [NAME, VERSION, 'error_type'],
  );
  readonly continueAsNew = new CounterFamily(
    'duroxide_orchestration_continue_as_new_total',
    'Executions that continued as new.',
    [NAME, VERSION],
  );
  readonly nondeterminism = new CounterFamily(
    'duroxide_orchestration_nondeterminism_total',
    'Executions failed because their code no longer matches their history.',
    [NAME, VERSION],
  );
  readonly orchestrationPoison = new CounterFamily(
    'duroxide_orchestration_poison_total',
    'Orchestration messages that exceeded maxAttempts (the execution failed as poison).',
  );
  readonly activityPoison = new CounterFamily(
    'duroxide_activity_poison_total',
    'Activity items that exceeded maxAttempts.',
  );
  readonly turnDuration = new HistogramFamily(
    'duroxide_orchestration_turn_duration_seconds',
    'Time of one orchestration turn: running the code and committing the result.',
    [NAME, VERSION],
  );
  readonly suborchestrationCalls = new CounterFamily(
    'duroxide_suborchestration_calls_total',
    'Sub-orchestrations scheduled, by the parent orchestration.',
    [NAME, VERSION],
  );
  readonly activityExecutions = new CounterFamily(
    'duroxide_activity_executions_total',
    'Activity attempts run on this runtime, by outcome.',
    [ACTIVITY, 'outcome'],
  );
  readonly activityDuration = new HistogramFamily(
    'duroxide_activity_duration_seconds',
    'Time of one activity attempt.',
    [ACTIVITY, 'outcome'],
  );
  readonly activityRedeliveries = new CounterFamily(
    'duroxide_activity_redeliveries_total',
    'Activity attempts that run again after an earlier attempt was lost (crash, lost lock).',
    [ACTIVITY],
  );
  readonly lockRenewals = new CounterFamily(
    'duroxide_lock_renewals_total',
    'Lock renewals made while a turn or an activity runs.',
    ['lock'],
  );
  readonly lockLosses = new CounterFamily(
    'duroxide_lock_losses_total',
    'Locks lost while working (renewal refused): the work is given up and redone elsewhere.',
    ['lock'],
  );
  readonly orchestrationItemsFetched = new CounterFamily(
    'duroxide_orchestration_dispatcher_items_fetched_total',
    'Orchestration batches fetched.',
  );
  readonly workerItemsFetched = new CounterFamily(
    'duroxide_worker_dispatcher_items_fetched_total',
    'Activity items fetched from the worker queue.',
  );
  readonly providerErrors = new CounterFamily(
    'duroxide_provider_errors_total',
    'Failed store operations on the dispatch path (fetch, ack).',
  );

  readonly #families: readonly MetricFamily[] = [
    this.orchestrationStarts,
    this.orchestrationCompletions,
    this.orchestrationFailures,
    this.continueAsNew,
    this.nondeterminism,
    this.orchestrationPoison,
    this.activityPoison,
    this.turnDuration,
    this.suborchestrationCalls,
    this.activityExecutions,
    this.activityDuration,
    this.activityRedeliveries,
    this.lockRenewals,
    this.lockLosses,
    this.orchestrationItemsFetched,
    this.workerItemsFetched,
    this.providerErrors,
  ];

  readonly #gauges: GaugeSources;

  constructor(gauges: GaugeSources) {
    this.#gauges = gauges;
  }

  get families(): readonly MetricFamily[] {
    return this.#families;
  }

  /** The gauges as of now (reads the store's queue statistics: one query per queue). */
  async readGauges(): Promise<GaugeReading[]> {
    const stats = await this.#gauges.queueStats?.();
    return [
      ...(stats === undefined ? [] : queueGauges(stats)),
      {
        name: 'duroxide_instance_cache_size',
        help: 'Suspended instances held in the live-instance cache.',
        labelNames: [],
        samples: [{ values: [], value: this.#gauges.cachedInstances() }],
      },
    ];
  }

  /**
   * Mirrors every family into OpenTelemetry instruments of the global meter provider and
   * registers the gauges as observable gauges. Returns a function that unregisters the gauges.
   */
  bridgeToOpenTelemetry(api: OtelApi): () => void {
    const meter = api.metrics.getMeter('duroxide-ts', DUROXIDE_VERSION);
    type Observable = ReturnType<typeof meter.createObservableGauge>;
    // Counters are observed from this registry when OpenTelemetry collects (no cost per event);
    // histograms have no observable form, so each observation is mirrored as it happens.
    const counters: {
      family: CounterFamily;
      instrument: Observable;
      attributes: AttributeCache;
    }[] = [];
    for (const family of this.#families) {
      const attributes = attributeCache(family.labelNames);
      if (family instanceof CounterFamily) {
        // OpenTelemetry counters carry no `_total` (its Prometheus exporter appends it).
        const name = family.name.replace(/_total$/, '');
        counters.push({
          family,
          instrument: meter.createObservableCounter(name, { description: family.help }),
          attributes,
        });
      } else {
        const histogram = meter.createHistogram(family.name, {
          description: family.help,
          unit: 's',
          advice: { explicitBucketBoundaries: [...family.bounds] },
        });
        family.mirror = (values, value) => histogram.record(value, attributes(values));
      }
    }
    const gauges = new Map<string, Observable>();
    for (const [name, description] of GAUGES)
      gauges.set(name, meter.createObservableGauge(name, { description }));
    const callback = async (result: {
      observe(instrument: Observable, value: number, attributes?: Attributes): void;
    }): Promise<void> => {
      for (const c of counters)
        for (const s of c.family.samples())
          result.observe(c.instrument, s.count, c.attributes(s.values));
      let readings: GaugeReading[];
      try {
        readings = await this.readGauges();
      } catch {
        return; // the store is unreachable: no gauge reading this time
      }
      for (const g of readings) {
        const gauge = gauges.get(g.name);
        for (const s of g.samples) if (gauge !== undefined) result.observe(gauge, s.value);
      }
    };
    const observables = [...counters.map((c) => c.instrument), ...gauges.values()];
    meter.addBatchObservableCallback(callback, observables);
    return () => {
      meter.removeBatchObservableCallback(callback, observables);
      for (const family of this.#families)
        if (family instanceof HistogramFamily) family.mirror = undefined;
    };
  }
}

const ORCHESTRATOR_AGE = 'duroxide_orchestrator_queue_oldest_item_age_seconds';
const ORCHESTRATOR_AGE_HELP =
  'Seconds the oldest ready orchestrator-queue message has waited (0 when none is waiting).';
const WORKER_AGE = 'duroxide_worker_queue_oldest_item_age_seconds';
const WORKER_AGE_HELP =
  'Seconds the oldest ready worker-queue item has waited (0 when none is waiting).';

const GAUGES: readonly (readonly [string, string])[] = [
  [
    'duroxide_orchestrator_queue_depth',
    'Orchestrator-queue messages not locked (timers included).',
  ],
  ['duroxide_worker_queue_depth', 'Worker-queue items not locked.'],
  ['duroxide_timer_queue_depth', 'Timers not due yet.'],
  [ORCHESTRATOR_AGE, ORCHESTRATOR_AGE_HELP],
  [WORKER_AGE, WORKER_AGE_HELP],
  ['duroxide_instance_cache_size', 'Suspended instances held in the live-instance cache.'],
];

type AttributeCache = (values: LabelValues) => Attributes;

/** Seconds since the oldest ready row became ready, as of the store's clock `at`. */
function oldestAgeSeconds(queue: QueueStatRecord, at: number): number {
  return queue.oldestReadyAt === null ? 0 : Math.max(0, at - queue.oldestReadyAt) / 1000;
}

const gauge = (name: string, help: string, value: number): GaugeReading => ({
  name,
  help,
  labelNames: [],
  samples: [{ values: [], value }],
});

/** The queue gauges of a store: depths (rows not locked) and the oldest ready item's age. */
export function queueGauges(stats: QueueStatsRecord): GaugeReading[] {
  const { orchestrator, worker, timers, at } = stats;
  return [
    gauge(
      'duroxide_orchestrator_queue_depth',
      'Orchestrator-queue messages not locked (timers included).',
      orchestrator.ready + orchestrator.delayed,
    ),
    gauge(
      'duroxide_worker_queue_depth',
      'Worker-queue items not locked.',
      worker.ready + worker.delayed,
    ),
    gauge('duroxide_timer_queue_depth', 'Timers not due yet.', timers.pending),
    gauge(ORCHESTRATOR_AGE, ORCHESTRATOR_AGE_HELP, oldestAgeSeconds(orchestrator, at)),
    gauge(WORKER_AGE, WORKER_AGE_HELP, oldestAgeSeconds(worker, at)),
  ];
}

/** Attribute objects per label set, built once (OpenTelemetry calls are then allocation-free). */
function attributeCache(labelNames: readonly string[]): AttributeCache {
  const keys = labelNames.map((n) => ATTRIBUTE_KEYS[n] ?? n);
  const cache = new Map<string, Attributes>();
  return (values) => {
    const key = values.join('\u0000');
    let attributes = cache.get(key);
    if (attributes === undefined) {
      attributes = {};
      for (const [i, k] of keys.entries()) attributes[k] = values[i];
      if (cache.size < 2000) cache.set(key, attributes);
    }
    return attributes;
  };
}
