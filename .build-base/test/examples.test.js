/**
 * The runnable examples keep working (they are part of the docs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const run = (name) => execFileSync(process.execPath, [join(examples, name)], { encoding: 'utf8', timeout: 60_000 });
test('the hot-fix example upgrades at continue-as-new, after finishing the in-flight execution on 1.0.0', () => {
    const out = run('hot-fix-upgrade.js');
    assert.match(out, /after restart the instance still runs v1\.0\.0/);
    assert.match(out, /execution 1: v1\.0\.0\n {2}execution 2: v1\.0\.1/);
    assert.match(out, /result: "stopped after round 3"/);
});
test('the pinning example shows policy, explicit, child and continue-as-new pins', () => {
    const out = run('version-pinning.js');
    assert.match(out, /p-policy {3}-> "priced by v1\.0\.0"/);
    assert.match(out, /p-explicit -> "priced by v2\.0\.0"/);
    assert.match(out, /p-moved {4}-> "priced by v2\.0\.0"/);
    assert.match(out, /"byPolicy":"priced by v1\.0\.0","pinned":"priced by v2\.0\.0"/);
});
//# sourceMappingURL=examples.test.js.map