/**
 * `npm run bench -- --floor`: for each throughput workload, run it (ours) while capturing the
 * statements our provider sends, then replay them with no engine (bench/floor.ts) and report
 * ours ÷ floor. On PostgreSQL the replay runs with `pg` (our driver) and with `postgres`
 * (porsager's, the driver evaluation of docs/performance.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteProvider } from '../src/index.js';
import { capturePg, captureSqlite, installCapture } from './floor-capture.js';
import { replayPg, replaySqlite } from './floor.js';
import * as w from './workloads.js';
export function floorWorkloads(z) {
    return [
        ['hello', (e) => w.hello(e, z)],
        ['chain3', (e) => w.chain(e, z, 3)],
        ['chain10', (e) => w.chain(e, z, 10)],
        ['fanout10', (e) => w.fanout(e, z, 10)],
        ['sequential-chain3', (e) => w.sequentialChain3(e, z)],
    ];
}
function toRow(r, f, porsager) {
    const n = r.orchestrations;
    return {
        workload: r.workload,
        orchestrations: n,
        oursPerSecond: w.round(n / r.seconds),
        floorPerSecond: w.round(n / f.seconds),
        oursOverFloor: w.round(f.seconds / r.seconds),
        statementsPerOrchestration: w.round(f.statements / n),
        commitsPerOrchestration: w.round(f.commits / n),
        diverged: f.diverged,
        ...(porsager === undefined
            ? {}
            : { postgresDriverFloorPerSecond: w.round(n / porsager.seconds) }),
    };
}
export async function sqliteFloor(runs, runtimeOptions) {
    installCapture();
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-floor-'));
    let n = 0;
    const rows = [];
    try {
        for (const [, run] of runs) {
            let capture;
            let steps = [];
            const r = await run({
                createProvider: () => SqliteProvider.open(`sqlite:${join(dir, `ours-${++n}.db`)}`),
                runtimeOptions,
                onMeasure: (phase) => {
                    if (phase === 'start')
                        capture = captureSqlite();
                    else
                        steps = capture?.stop() ?? [];
                },
            });
            const path = join(dir, `floor-${n}.db`);
            await (await SqliteProvider.open(`sqlite:${path}`)).close();
            rows.push(toRow(r, replaySqlite(steps, path)));
        }
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
    return rows;
}
export async function postgresFloor(url, runs, runtimeOptions) {
    installCapture();
    const index = (await import('../src/index.js'));
    const Postgres = index['PostgresProvider'];
    let n = 0;
    const rows = [];
    const fresh = async () => {
        const schema = `floor_${process.pid}_${++n}`;
        await (await Postgres.connectWithSchema(url, schema)).close();
        return schema;
    };
    for (const [, run] of runs) {
        const schema = `floorours_${process.pid}_${++n}`;
        let capture;
        let units = { units: [], completionOrder: [] };
        const r = await run({
            createProvider: () => Postgres.connectWithSchema(url, schema),
            runtimeOptions,
            onMeasure: (phase) => {
                if (phase === 'start')
                    capture = capturePg();
                else
                    units = capture?.stop() ?? units;
            },
        });
        const viaPg = await replayPg(units, { url, from: schema, to: await fresh(), driver: 'pg' });
        const viaPostgres = await replayPg(units, {
            url,
            from: schema,
            to: await fresh(),
            driver: 'postgres',
        });
        rows.push(toRow(r, viaPg, viaPostgres));
    }
    return rows;
}
export function floorTable(rows) {
    const head = [
        'workload',
        'n',
        'ours orch/s',
        'floor orch/s',
        'ours/floor',
        'stmts/orch',
        'commits/orch',
        'diverged',
        'floor via postgres.js',
    ];
    const body = rows.map((r) => [
        r.workload,
        String(r.orchestrations),
        r.oursPerSecond.toFixed(0),
        r.floorPerSecond.toFixed(0),
        r.oursOverFloor.toFixed(2),
        r.statementsPerOrchestration.toFixed(1),
        r.commitsPerOrchestration.toFixed(1),
        String(r.diverged),
        r.postgresDriverFloorPerSecond === undefined ? '-' : r.postgresDriverFloorPerSecond.toFixed(0),
    ]);
    const all = [head, ...body];
    const widths = head.map((_, c) => Math.max(...all.map((r) => r[c].length)));
    return all
        .map((r) => r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
        .join('  '))
        .join('\n');
}
//# sourceMappingURL=floor-mode.js.map