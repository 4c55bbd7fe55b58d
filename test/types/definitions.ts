/**
 * Compile-only type tests of typed definitions (`defineOrchestration` / `defineActivity`):
 * inputs and results are inferred from the schemas or the code, and misuse fails to compile.
 * Every `@ts-expect-error` line must be a real error: test/types.test.ts compiles this file with
 * those markers removed and checks that each marked line then fails.
 *
 * Never run; `check*` functions only exist to be type-checked.
 */
import { z } from 'zod';
import {
  type Client,
  type DurableTask,
  type OrchestrationContext,
  type RefInput,
  type RefOutput,
  type Runtime,
  defineActivity,
  defineOrchestration,
} from '../../src/index.js';

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_: T): void {}

const Order = z.object({ sku: z.string(), quantity: z.number().int() });

const Price = defineActivity(
  { name: 'Price', input: z.object({ sku: z.string() }), output: z.number() },
  (_ctx, input) => input.sku.length * 100,
);

// Without schemas, the types come from the code.
const Label = defineActivity({ name: 'Label' }, (_ctx, text: string) => ({ label: text }));

const Checkout = defineOrchestration(
  { name: 'Checkout', version: '1.2.0', input: Order, output: z.object({ total: z.number() }) },
  async (ctx, order) => {
    const price = await ctx.scheduleActivity(Price, { sku: order.sku });
    return { total: price * order.quantity };
  },
);

const Generator = defineOrchestration(
  { name: 'Generator', input: z.string() },
  function* (ctx, text) {
    const label = yield* ctx.activity(Label, text);
    const price = yield* ctx.scheduleActivity(Price, { sku: label.label });
    const timer = yield* ctx.scheduleTimer(10);
    return { price, timer };
  },
);

export function checkInference(): void {
  expectType<Equal<RefInput<typeof Price>, { sku: string }>>(true);
  expectType<Equal<RefOutput<typeof Price>, number>>(true);
  expectType<Equal<RefInput<typeof Label>, string>>(true);
  expectType<Equal<RefOutput<typeof Label>, { label: string }>>(true);
  expectType<Equal<RefInput<typeof Checkout>, { sku: string; quantity: number }>>(true);
  expectType<Equal<RefOutput<typeof Checkout>, { total: number }>>(true);
  expectType<Equal<RefInput<typeof Generator>, string>>(true);
  expectType<Equal<RefOutput<typeof Generator>, { price: number; timer: null }>>(true);
}

export function checkScheduling(ctx: OrchestrationContext): void {
  const price: DurableTask<number> = ctx.scheduleActivity(Price, { sku: 'a' });
  const child: DurableTask<{ total: number }> = ctx.scheduleSubOrchestration(Checkout, {
    sku: 'a',
    quantity: 2,
  });
  // The string API stays as it was.
  const untyped: DurableTask<unknown> = ctx.scheduleActivity('Price', { anything: true });
  void [price, child, untyped];

  // @ts-expect-error -- wrong input type for the activity
  ctx.scheduleActivity(Price, { sku: 42 });
  // @ts-expect-error -- missing input field
  ctx.scheduleActivity(Price, {});
  // @ts-expect-error -- swapped arguments
  ctx.scheduleActivity({ sku: 'a' }, Price);
  // @ts-expect-error -- an orchestration is not an activity
  ctx.scheduleActivity(Checkout, { sku: 'a', quantity: 1 });
  // @ts-expect-error -- an activity is not an orchestration
  ctx.scheduleSubOrchestration(Price, { sku: 'a' });
  // @ts-expect-error -- sub-orchestration input lacks quantity
  ctx.scheduleSubOrchestration(Checkout, { sku: 'a' });
  // @ts-expect-error -- the result is a number, not a string
  const wrong: DurableTask<string> = ctx.scheduleActivity(Price, { sku: 'a' });
  void wrong;
}

export function* checkGenerators(ctx: OrchestrationContext): Generator<unknown, void, unknown> {
  const n: number = yield* ctx.activity(Price, { sku: 'a' });
  const out: { total: number } = yield* ctx.subOrchestration(Checkout, { sku: 'a', quantity: 1 });
  // @ts-expect-error -- the helper's result is typed
  const s: string = yield* ctx.activity(Price, { sku: 'a' });
  // @ts-expect-error -- and so is its input
  yield* ctx.activity(Price, 'a');
  void [n, out, s];
}

export async function checkClient(client: Client, runtime: Runtime): Promise<void> {
  runtime.register(Price, Label, Checkout, Generator);
  await client.startOrchestration(Checkout, 'order-1', { sku: 'a', quantity: 3 });
  await client.startOrchestration(
    Checkout,
    'order-2',
    { sku: 'a', quantity: 3 },
    { ifExists: 'error' },
  );
  await client.startOrchestration('order-3', 'Checkout', { free: 'form' });

  // @ts-expect-error -- wrong input for the definition
  await client.startOrchestration(Checkout, 'order-4', { sku: 'a' });
  // @ts-expect-error -- swapped instance id and definition
  await client.startOrchestration('order-5', Checkout, { sku: 'a', quantity: 1 });
  // @ts-expect-error -- an activity cannot be started as an orchestration
  await client.startOrchestration(Price, 'order-6', { sku: 'a' });
  // @ts-expect-error -- the definition's version is its own
  await client.startOrchestration(
    Checkout,
    'order-7',
    { sku: 'a', quantity: 1 },
    { version: '2.0.0' },
  );
  // @ts-expect-error -- only definitions are registered this way
  runtime.register(() => 1);
}

export function checkDefinitions(): void {
  // @ts-expect-error -- the code must return what the output schema describes
  defineOrchestration({ name: 'Bad', output: z.string() }, async () => 1);
  // @ts-expect-error -- the code's input is what the input schema describes
  defineActivity({ name: 'Bad', input: z.string() }, (_ctx, n: number) => n);
  // @ts-expect-error -- a name is required
  defineActivity({ input: z.string() }, () => 1);
}
