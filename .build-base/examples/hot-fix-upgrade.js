/**
 * Hot-fix upgrade of an eternal orchestration (docs/versioning.md, scenario 1).
 *
 * 1. A server with Monitor 1.0.0 starts the eternal monitor; it checks, then sleeps.
 * 2. The server stops mid-cycle. The fix ships as 1.0.1 next to 1.0.0.
 * 3. The new server resumes the sleeping execution ON 1.0.0 (its recorded version); the
 *    execution continues as new, and the next execution runs 1.0.1.
 *
 *   npm run build && node .build/examples/hot-fix-upgrade.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Runtime, SqliteProvider } from '../src/index.js';
const MONITOR = 'Monitor';
const say = (s) => {
    process.stdout.write(`${s}\n`);
};
async function monitorV1_0_0(ctx, round) {
    await ctx.scheduleActivity('Check', { round, version: ctx.orchestrationVersion });
    await ctx.scheduleTimer(500);
    return ctx.continueAsNew(round + 1);
}
async function monitorV1_0_1(ctx, round) {
    const healthy = await ctx.scheduleActivity('Check', {
        round,
        version: ctx.orchestrationVersion,
    });
    if (!healthy)
        await ctx.scheduleActivity('Alert', round); // the hot-fix: alert on failure
    if (round >= 3)
        return `stopped after round ${round}`;
    await ctx.scheduleTimer(100);
    return ctx.continueAsNew(round + 1);
}
async function server(file, versions) {
    const provider = await SqliteProvider.open(`sqlite:${file}`);
    const rt = new Runtime(provider);
    rt.registerActivity('Check', async (_ctx, x) => {
        say(`  check round ${x.round} on v${x.version}`);
        return x.round % 2 === 0;
    });
    rt.registerActivity('Alert', async (_ctx, round) => say(`  ALERT for round ${round}`));
    if (versions.includes('1.0.0'))
        rt.registerOrchestration(MONITOR, monitorV1_0_0);
    if (versions.includes('1.0.1'))
        rt.registerOrchestrationVersioned(MONITOR, '1.0.1', monitorV1_0_1);
    await rt.start();
    return { rt, provider };
}
async function main() {
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-hotfix-'));
    const file = join(dir, 'app.db');
    try {
        say('server A: Monitor 1.0.0');
        const a = await server(file, ['1.0.0']);
        const client = new Client(a.provider);
        await client.startOrchestration('monitor', MONITOR, 0);
        await new Promise((r) => setTimeout(r, 200)); // it checks, then sleeps on its timer
        await a.rt.shutdown();
        await a.provider.close();
        say('server A stopped mid-cycle; deploying 1.0.1 next to 1.0.0');
        const b = await server(file, ['1.0.0', '1.0.1']);
        const clientB = new Client(b.provider);
        say(`after restart the instance still runs v${(await clientB.getInstanceInfo('monitor')).orchestrationVersion}`);
        const done = await clientB.waitForOrchestration('monitor', 10_000);
        say(`result: ${JSON.stringify(done.output)}`);
        for (const e of await clientB.listExecutions('monitor')) {
            say(`  execution ${e}: v${(await clientB.getExecutionInfo('monitor', e)).orchestrationVersion}`);
        }
        await b.rt.shutdown();
        await b.provider.close();
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
main().catch((e) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
});
//# sourceMappingURL=hot-fix-upgrade.js.map