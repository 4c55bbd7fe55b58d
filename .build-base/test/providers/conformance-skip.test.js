/**
 * The conformance suite against a provider that declares only the core: the cases of every
 * capability it lacks, and the cases its skip list names, are reported as skipped (with their
 * reasons) — never as passed — and a skip list naming no case fails the suite. The suite runs in
 * a child `node --test` process so its TAP report can be read.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { SKIP_REASON, SKIPPED_BY_LIST } from '../helpers/reduced-conformance-names.js';
const FIXTURE = fileURLToPath(new URL('../helpers/reduced-conformance-fixture.js', import.meta.url));
/** Runs the fixture suite and returns the outcome of every leaf test, by its TAP line. */
async function runFixture(env = {}) {
    // Without NODE_TEST_CONTEXT (set by an outer `node --test`) the child reports plain TAP.
    const { NODE_TEST_CONTEXT: _outer, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--test', '--test-reporter=tap', FIXTURE], {
        env: { ...inherited, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (out += chunk));
    await once(child, 'exit');
    const outcomes = [];
    for (const line of out.split('\n')) {
        const m = /^\s+(ok|not ok) \d+ - (.*?)(?: # SKIP (.*))?$/.exec(line);
        if (m === null)
            continue;
        outcomes.push({ name: m[2], ok: m[1] === 'ok', skip: m[3] });
    }
    return outcomes;
}
describe('conformance suite with capabilities and a skip list', () => {
    test('cases of undeclared capabilities and listed cases are reported skipped with their reasons; the core passes', async () => {
        const outcomes = await runFixture();
        const byName = new Map(outcomes.map((o) => [o.name, o]));
        assert.equal(outcomes.filter((o) => !o.ok).length, 0, JSON.stringify(outcomes.filter((o) => !o.ok)));
        assert.equal(byName.get(SKIPPED_BY_LIST)?.skip, SKIP_REASON);
        for (const [name, capability] of [
            [
                'a plain ack returns no claims, a released lock and the instance creation time',
                'localActivityHandoff',
            ],
            [
                'items without a session are fetched by workers with and without session routing',
                'sessions',
            ],
            ['metrics of an empty store are all zero', 'management'],
            ['a stored policy is read back with its change time, actor, reason and revision 1', 'fleet'],
        ]) {
            const o = byName.get(name);
            assert.ok(o !== undefined, `case '${name}' is in the report`);
            assert.equal(o.ok, true);
            assert.equal(o.skip, `the provider does not declare the capability '${capability}'`);
        }
        const skippedFor = (capability) => outcomes.filter((o) => o.skip?.includes(`'${capability}'`) === true).length;
        for (const capability of ['localActivityHandoff', 'sessions', 'management', 'fleet']) {
            assert.ok(skippedFor(capability) >= 4, `cases skipped for '${capability}': ${skippedFor(capability)}`);
        }
        const core = outcomes.filter((o) => o.skip === undefined);
        assert.ok(core.length >= 100, `core cases that ran: ${core.length}`);
        assert.equal(byName.get('the provider implements every method of each capability it declares')?.skip, undefined);
        assert.equal(byName.get('every case the skip list names exists')?.ok, true);
    });
    test('a skip list naming a case that does not exist fails the suite, naming it', async () => {
        const outcomes = await runFixture({ DUROXIDE_UNKNOWN_SKIP: '1' });
        const failed = outcomes.filter((o) => !o.ok).map((o) => o.name);
        assert.deepEqual(failed, ['every case the skip list names exists']);
    });
});
//# sourceMappingURL=conformance-skip.test.js.map