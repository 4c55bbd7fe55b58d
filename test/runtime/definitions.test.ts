/**
 * Typed definitions at run time: `defineOrchestration` / `defineActivity` registered with
 * `runtime.register`, scheduled and started by reference, with inputs and outputs validated by
 * their Standard Schemas (zod here) and clear `INVALID_INPUT` errors naming each issue's path.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import {
  ConfigurationError,
  InvalidInputError,
  defineActivity,
  defineOrchestration,
  isDuroxideError,
} from '../../src/index.js';
import { startHarness, uid } from '../helpers/runtime-harness.js';

const Price = defineActivity(
  { name: 'DefPrice', input: z.object({ sku: z.string().min(1) }), output: z.number().positive() },
  (_ctx, { sku }) => (sku === 'free' ? 0 : sku.length * 100),
);

const Checkout = defineOrchestration(
  {
    name: 'DefCheckout',
    version: '1.1.0',
    input: z.object({ sku: z.string(), quantity: z.number().int().positive() }),
    output: z.object({ total: z.number() }),
  },
  async (ctx, order) => {
    const price = await ctx.scheduleActivity(Price, { sku: order.sku });
    return { total: price * order.quantity };
  },
);

const Basket = defineOrchestration(
  { name: 'DefBasket', input: z.array(z.string()) },
  function* (ctx, skus) {
    let total = 0;
    for (const sku of skus) {
      const child = yield* ctx.subOrchestration(Checkout, { sku, quantity: 2 });
      total += child.total;
    }
    const direct = yield* ctx.activity(Price, { sku: 'abc' });
    return { total, direct, version: ctx.orchestrationVersion };
  },
);

describe('typed definitions', () => {
  test('definitions registered with runtime.register run by reference, async and generator style', async (t) => {
    const { client } = await startHarness(t, (rt) => rt.register(Price, Checkout, Basket));
    const id = uid('def-basket');
    await client.startOrchestration(Basket, id, ['ab', 'abcd']);
    const status = await client.waitForOrchestration(id, 10_000);
    assert.equal(status.status, 'Completed', JSON.stringify(status));
    assert.deepEqual(status.output, { total: 1_200, direct: 300, version: '1.0.0' });
  });

  test("a start by reference runs the definition's version", async (t) => {
    const { client } = await startHarness(t, (rt) => rt.register(Price, Checkout));
    const id = uid('def-version');
    await client.startOrchestration(Checkout, id, { sku: 'abc', quantity: 1 });
    const status = await client.waitForOrchestration(id, 10_000);
    assert.equal(status.status, 'Completed', JSON.stringify(status));
    assert.deepEqual(status.output, { total: 300 });
    assert.equal((await client.getInstanceInfo(id)).orchestrationVersion, '1.1.0');
  });

  test('the client refuses a start whose input the schema rejects, naming each path, and stores nothing', async (t) => {
    const { client } = await startHarness(t, (rt) => rt.register(Price, Checkout));
    const id = uid('def-bad-start');
    await assert.rejects(
      client.startOrchestration(Checkout, id, { sku: 7, quantity: 0 } as never),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInputError);
        assert.equal(error.code, 'INVALID_INPUT');
        assert.match(error.message, /the input of orchestration 'DefCheckout' for instance/);
        assert.match(error.message, /sku: /);
        assert.match(error.message, /quantity: /);
        return true;
      },
    );
    assert.equal((await client.getStatus(id)).status, 'NotFound');
  });

  test('an activity input the schema rejects throws at the scheduling call, where the code can catch it', async (t) => {
    const Caller = defineOrchestration({ name: 'DefCaller' }, async (ctx) => {
      try {
        await ctx.scheduleActivity(Price, { sku: '' });
        return 'scheduled';
      } catch (error) {
        return isDuroxideError(error) ? `${error.code}: ${error.message}` : 'other';
      }
    });
    const { client } = await startHarness(t, (rt) => rt.register(Price, Caller));
    const id = uid('def-bad-activity-input');
    await client.startOrchestration(Caller, id, undefined);
    const status = await client.waitForOrchestration(id, 10_000);
    assert.equal(status.status, 'Completed', JSON.stringify(status));
    assert.match(
      String(status.output),
      /^INVALID_INPUT: the input of activity 'DefPrice' was rejected by its schema: sku: /,
    );
  });

  test('an activity output the schema rejects fails the activity, naming the issue', async (t) => {
    const Caller = defineOrchestration({ name: 'DefFree' }, async (ctx) =>
      ctx.scheduleActivity(Price, { sku: 'free' }),
    );
    const { client } = await startHarness(t, (rt) => rt.register(Price, Caller));
    const id = uid('def-bad-activity-output');
    await client.startOrchestration(Caller, id, undefined);
    const status = await client.waitForOrchestration(id, 10_000);
    assert.equal(status.status, 'Failed');
    assert.match(
      status.status === 'Failed' ? (status.error ?? '') : '',
      /the output of activity 'DefPrice' was rejected by its schema: \(root\): /,
    );
  });

  test('an orchestration output the schema rejects fails the instance, naming the path', async (t) => {
    const Sloppy = defineOrchestration(
      { name: 'DefSloppy', output: z.object({ total: z.number() }) },
      () => ({ total: 'lots' }) as never,
    );
    const { client } = await startHarness(t, (rt) => rt.register(Sloppy));
    const id = uid('def-bad-output');
    await client.startOrchestration(Sloppy, id, undefined);
    const status = await client.waitForOrchestration(id, 10_000);
    assert.equal(status.status, 'Failed');
    assert.match(
      status.status === 'Failed' ? (status.error ?? '') : '',
      new RegExp(
        `the output of orchestration 'DefSloppy@1\\.0\\.0' \\(instance '${id}'\\) was rejected by its schema: total: `,
      ),
    );
  });

  test('a sub-orchestration input the schema rejects throws at the call', async (t) => {
    const Parent = defineOrchestration({ name: 'DefParent' }, async (ctx) => {
      try {
        await ctx.scheduleSubOrchestration(Checkout, { sku: 'a', quantity: -1 });
        return 'scheduled';
      } catch (error) {
        return isDuroxideError(error) ? error.message : 'other';
      }
    });
    const { client } = await startHarness(t, (rt) => rt.register(Price, Checkout, Parent));
    const id = uid('def-bad-child');
    await client.startOrchestration(Parent, id, undefined);
    const status = await client.waitForOrchestration(id, 10_000);
    assert.equal(status.status, 'Completed');
    assert.match(String(status.output), /sub-orchestration 'DefCheckout'.*quantity: /);
  });

  test('the string API runs definitions registered by reference, and the input schema still guards new executions', async (t) => {
    const { client } = await startHarness(t, (rt) => rt.register(Price, Checkout));
    const good = uid('def-by-name');
    await client.startOrchestration(good, 'DefCheckout', { sku: 'ab', quantity: 3 });
    assert.deepEqual((await client.waitForOrchestration(good, 10_000)).output, { total: 600 });
    const bad = uid('def-by-name-bad');
    await client.startOrchestration(bad, 'DefCheckout', { sku: 'ab' });
    const status = await client.waitForOrchestration(bad, 10_000);
    assert.equal(status.status, 'Failed');
    assert.match(
      status.status === 'Failed' ? (status.error ?? '') : '',
      /the input schema of DefCheckout@1\.1\.0 rejected/,
    );
  });

  test('malformed definitions and registrations are refused with INVALID_REGISTRATION', async (t) => {
    const refused = (fn: () => unknown, message: RegExp): void =>
      assert.throws(fn, (error: unknown) => {
        assert.ok(error instanceof ConfigurationError);
        assert.equal(error.code, 'INVALID_REGISTRATION');
        assert.match(error.message, message);
        return true;
      });
    refused(
      () => defineActivity({ name: 'X', input: {} as never }, () => 1),
      /input must be a Standard Schema/,
    );
    refused(
      () => defineActivity({ name: 'X', typo: 1 } as never, () => 1),
      /unknown option 'typo'/,
    );
    refused(
      () => defineOrchestration({ name: 'X' }, 'code' as never),
      /handler must be a function/,
    );
    await startHarness(t, (rt) => {
      refused(() => rt.register((() => 1) as never), /defineOrchestration or defineActivity/);
      rt.register(Price);
      refused(() => rt.register(Price), /already registered/);
    });
  });
});
