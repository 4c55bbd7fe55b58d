/**
 * Run as its own `node --test` process by test/providers/conformance-skip.test.ts: the
 * conformance suite against SQLite with every optional capability hidden, plus a skip list
 * (and, with DUROXIDE_UNKNOWN_SKIP=1, a skip-list entry that names no case).
 */
import { SqliteProvider } from '../../src/providers/sqlite/sqlite-provider.js';
import { runProviderConformance } from '../../src/providers/validation/run-provider-conformance.js';
import { SKIP_REASON, SKIPPED_BY_LIST } from './reduced-conformance-names.js';
import { reducedProvider } from './reduced-provider.js';
runProviderConformance({
    name: 'sqlite with only the core',
    create: async ({ now }) => reducedProvider(await SqliteProvider.inMemory({ now }), [
        'localActivityHandoff',
        'sessions',
        'management',
        'fleet',
    ]).provider,
    honoursClock: true,
    skip: [
        { name: SKIPPED_BY_LIST, reason: SKIP_REASON },
        ...(process.env['DUROXIDE_UNKNOWN_SKIP'] === '1'
            ? [{ name: 'a case that does not exist', reason: 'typo' }]
            : []),
    ],
});
//# sourceMappingURL=reduced-conformance-fixture.js.map