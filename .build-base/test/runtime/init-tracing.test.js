/**
 * `initTracing` installs a process-wide trace file (docs/compatibility.md). This file runs in
 * its own process (node --test isolates files), so installing it here affects no other test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, ConfigurationError, InvalidInputError, Runtime, SqliteProvider, initTracing, } from '../../src/index.js';
test('initTracing refuses a path it cannot open, writes runtime records to the file once installed, and refuses a second install', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-tracing-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    assert.throws(() => initTracing({ logFile: join(dir, 'missing-dir', 'trace.log') }), (e) => e instanceof InvalidInputError && /^Failed to open log file '.*missing-dir/.test(e.message));
    assert.throws(() => initTracing({ logFile: join(dir, 'x.log'), logLevel: 'loud' }), /logLevel must be one of/);
    const logFile = join(dir, 'trace.log');
    initTracing({ logFile, logLevel: 'info', logFormat: 'json' });
    const provider = await SqliteProvider.inMemory();
    t.after(() => provider.close());
    const runtime = new Runtime(provider, { logLevel: 'off' });
    runtime.registerOrchestration('Traced', async (ctx) => {
        ctx.traceInfo('hello from the orchestration');
        return 1;
    });
    await runtime.start();
    const client = new Client(provider);
    await client.startOrchestration('traced-1', 'Traced');
    await client.waitForOrchestration('traced-1', 10_000);
    await runtime.shutdown(1000);
    const lines = readFileSync(logFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    assert.ok(lines.some((l) => l.message === 'hello from the orchestration' && l.level === 'info'), 'the orchestration trace is in the file');
    assert.ok(lines.some((l) => /runtime .* starting/.test(l.message)), 'runtime records are in the file');
    assert.throws(() => initTracing({ logFile: join(dir, 'second.log') }), (e) => e instanceof ConfigurationError && /^Failed to init tracing/.test(e.message));
});
//# sourceMappingURL=init-tracing.test.js.map