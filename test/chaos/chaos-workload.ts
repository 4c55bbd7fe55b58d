/**
 * The chaos run's mixed workload (docs/reliability.md): one orchestration per feature, each with
 * an output the oracle can predict from the instance id alone. Registered by the runtime child
 * processes (`test/helpers/runtime-process.ts`, `DUROXIDE_RP_CHAOS=1`).
 * @module
 */
import type { OrchestrationContext, Runtime } from '../../src/index.js';

/** The kinds of instance the driver starts, round robin. */
export const CHAOS_KINDS = [
  'CxChain',
  'CxFan',
  'CxTimer',
  'CxEvent',
  'CxQueue',
  'CxSub',
  'CxCounter',
  'CxRetry',
  'CxCancel',
] as const;
export type ChaosKind = (typeof CHAOS_KINDS)[number];

/** Continue-as-new rounds of a counter: enough to cross a version upgrade mid-run. */
export const COUNTER_ROUNDS = 6;

const steps = (id: string, n: number): string =>
  Array.from({ length: n }, (_, i) => `${id}-${i + 1}:ok`).join(',');

/**
 * The output a Completed instance must have (a counter's depends on the version its last
 * execution ran), or `canceled` for the kind the driver cancels.
 */
export function expectedOutput(kind: ChaosKind, id: string, version: string | undefined): unknown {
  switch (kind) {
    case 'CxChain':
      return steps(id, 3);
    case 'CxFan':
      return steps(id, 4);
    case 'CxTimer':
      return `${id}:timer`;
    case 'CxEvent':
      return `${id}:ev`;
    case 'CxQueue':
      return `${id}:a+b`;
    case 'CxSub':
      return `sub(${steps(`${id}-c`, 3)})`;
    case 'CxCounter':
      return `${id}:done@${version ?? '?'}`;
    case 'CxRetry':
      return `${id}:ok`;
    case 'CxCancel':
      return 'canceled';
  }
}

/** Registers the workload; `hasV2` adds CxCounter 2.0.0 (nodes of the "new deploy"). */
export function registerChaosWorkload(rt: Runtime, hasV2: boolean): void {
  const step = (ctx: OrchestrationContext, label: string) =>
    ctx.scheduleActivity<string>('Step', { label });
  rt.registerOrchestration('CxChain', async (ctx: OrchestrationContext, id: string) => {
    const out: string[] = [];
    for (let i = 1; i <= 3; i++) out.push(await step(ctx, `${id}-${i}`));
    return out.join(',');
  });
  rt.registerOrchestration('CxFan', async (ctx: OrchestrationContext, id: string) => {
    const results = await ctx.all([1, 2, 3, 4].map((i) => step(ctx, `${id}-${i}`)));
    return results.map((r) => r.ok ?? r.err).join(',');
  });
  rt.registerOrchestration('CxTimer', async (ctx: OrchestrationContext, id: string) => {
    await ctx.scheduleTimer(300);
    return `${id}:timer`;
  });
  rt.registerOrchestration(
    'CxEvent',
    async (ctx: OrchestrationContext, id: string) =>
      `${id}:${String(await ctx.waitForEvent('go'))}`,
  );
  rt.registerOrchestration('CxQueue', async (ctx: OrchestrationContext, id: string) => {
    const a = await ctx.dequeueEvent('q');
    const b = await ctx.dequeueEvent('q');
    return `${id}:${String(a)}+${String(b)}`;
  });
  rt.registerOrchestration(
    'CxSub',
    async (ctx: OrchestrationContext, id: string) =>
      `sub(${String(await ctx.scheduleSubOrchestration('CxChain', `${id}-c`))})`,
  );
  const counter =
    (version: string) =>
    async (ctx: OrchestrationContext, input: { id: string; left: number }): Promise<unknown> => {
      await step(ctx, `${input.id}-${input.left}`);
      if (input.left > 0) return ctx.continueAsNew({ id: input.id, left: input.left - 1 });
      return `${input.id}:done@${version}`;
    };
  rt.registerOrchestrationVersioned('CxCounter', '1.0.0', counter('1.0.0'));
  if (hasV2) rt.registerOrchestrationVersioned('CxCounter', '2.0.0', counter('2.0.0'));
  rt.registerOrchestration('CxRetry', async (ctx: OrchestrationContext, id: string) =>
    ctx.scheduleActivityWithRetry<string>(
      'FlakyStep',
      { label: id },
      { maxAttempts: 5, backoff: { kind: 'fixed', baseMs: 200 } },
    ),
  );
  rt.registerOrchestration('CxCancel', async (ctx: OrchestrationContext) =>
    ctx.waitForEvent('never'),
  );
}
