/**
 * Version pinning (docs/versioning.md, scenario 3): a policy pins new starts, an explicit
 * start version wins over the policy, a parent pins its child, and continueAsNewVersioned
 * moves an execution chain on explicitly.
 *
 *   npm run build && node .build/examples/version-pinning.js
 */
import { Client, Runtime, SqliteProvider } from '../src/index.js';
const say = (s) => {
    process.stdout.write(`${s}\n`);
};
async function main() {
    const provider = await SqliteProvider.inMemory();
    const rt = new Runtime(provider);
    for (const version of ['1.0.0', '2.0.0']) {
        rt.registerOrchestrationVersioned('Pricing', version, async (ctx, input) => {
            if (input.moveTo !== undefined)
                return ctx.continueAsNewVersioned({}, input.moveTo);
            return `priced by v${ctx.orchestrationVersion}`;
        });
    }
    rt.registerOrchestration('Checkout', async (ctx) => ({
        byPolicy: await ctx.scheduleSubOrchestration('Pricing', {}),
        pinned: await ctx.scheduleSubOrchestrationVersioned('Pricing', '2.0.0', {}),
    }));
    rt.setVersionPolicy('Pricing', { exact: '1.0.0' }); // canary 2.0.0: new starts stay on 1.0.0
    await rt.start();
    const client = new Client(provider);
    await client.startOrchestration('p-policy', 'Pricing', {});
    await client.startOrchestrationVersioned('p-explicit', 'Pricing', {}, '2.0.0');
    await client.startOrchestration('p-moved', 'Pricing', { moveTo: '2.0.0' });
    await client.startOrchestration('checkout', 'Checkout');
    for (const id of ['p-policy', 'p-explicit', 'p-moved', 'checkout']) {
        const s = await client.waitForOrchestration(id);
        say(`${id.padEnd(10)} -> ${JSON.stringify(s.output)} (instance now on v${(await client.getInstanceInfo(id)).orchestrationVersion})`);
    }
    await rt.shutdown();
    await provider.close();
}
main().catch((e) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
});
//# sourceMappingURL=version-pinning.js.map