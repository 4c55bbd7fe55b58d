/**
 * `Client.deleteInstance` re-reads the instance tree when the provider reports, by the code
 * `INSTANCE_TREE_CHANGED`, that a child appeared between reading the tree and deleting it —
 * never by matching the error's message.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, DuroxideError, ERROR_CODES, ProviderError, SqliteProvider, } from '../../src/index.js';
import { finishInstance, startInstance, } from '../../src/providers/validation/conformance-fixtures.js';
/** The real provider, with `hooks` run around some calls (methods stay bound to the provider). */
function around(provider, hooks) {
    return new Proxy(provider, {
        get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver);
            if (typeof value !== 'function')
                return value;
            const bound = value.bind(target);
            const hook = hooks[property];
            return hook === undefined
                ? bound
                : (...args) => hook(() => bound(...args));
        },
    });
}
async function finishedInstance(t, id) {
    const provider = await SqliteProvider.inMemory();
    t.after(() => provider.close());
    await startInstance(provider, id);
    await finishInstance(provider, id);
    return provider;
}
describe('deleting an instance whose tree changes underneath', () => {
    test('a child created after the tree was read makes deleteInstance re-read the tree and delete the child too', async (t) => {
        const provider = await finishedInstance(t, 'grow-root');
        let reads = 0;
        const client = new Client(around(provider, {
            getInstanceTree: async (call) => {
                const tree = await call();
                if (++reads === 1) {
                    // Another node starts and finishes a child between this read and the delete.
                    await startInstance(provider, 'grow-root/late', { parentInstanceId: 'grow-root' });
                    await finishInstance(provider, 'grow-root/late');
                }
                return tree;
            },
        }));
        const result = await client.deleteInstance('grow-root');
        assert.equal(reads, 2, 'the tree was read again after INSTANCE_TREE_CHANGED');
        assert.equal(result.instancesDeleted, 2);
        assert.equal(await provider.getInstance('grow-root'), null);
        assert.equal(await provider.getInstance('grow-root/late'), null);
    });
    test('any provider error with code INSTANCE_TREE_CHANGED is retried, whatever its message says', async (t) => {
        const provider = await finishedInstance(t, 'code-root');
        let deletes = 0;
        const client = new Client(around(provider, {
            deleteInstances: async (call) => {
                if (++deletes === 1)
                    throw new DuroxideError(ERROR_CODES.INSTANCE_TREE_CHANGED, 'tree moved');
                return call();
            },
        }));
        assert.equal((await client.deleteInstance('code-root')).instancesDeleted, 1);
        assert.equal(deletes, 2);
    });
    test('a provider error that only mentions the tree in its message is not retried', async (t) => {
        const provider = await finishedInstance(t, 'text-root');
        let deletes = 0;
        const impostor = new ProviderError('deleteInstances', "instance 'x' is a child of 'text-root' but not in the set to delete: it was created after the tree was read", false);
        const client = new Client(around(provider, {
            deleteInstances: async () => {
                deletes++;
                throw impostor;
            },
        }));
        await assert.rejects(client.deleteInstance('text-root'), (e) => e === impostor);
        assert.equal(deletes, 1);
    });
});
//# sourceMappingURL=delete-tree-retry.test.js.map