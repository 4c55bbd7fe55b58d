/**
 * The replay check on SQLite: KV across continue-as-new, changed activity inputs, and inputs
 * the next version's schema rejects (scenarios in replay-check-cases.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext } from 'node:test';
import { SqliteProvider } from '../../src/index.js';
import { registerReplayCheckCases } from './replay-check-cases.js';

const files = new WeakMap<TestContext, string>();

/** Every provider a test opens shares one fresh SQLite file. */
async function open(t: TestContext): Promise<SqliteProvider> {
  let file = files.get(t);
  if (file === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-replay-check-'));
    file = join(dir, 'check.db');
    files.set(t, file);
    t.after(() => rmSync(dir, { recursive: true, force: true }));
  }
  const provider = await SqliteProvider.open(`sqlite:${file}`);
  return provider;
}

describe('replay check (SQLite)', () => {
  registerReplayCheckCases(open);
});
