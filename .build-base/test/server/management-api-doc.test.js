/**
 * docs/management-api.md's endpoint reference is generated from the OpenAPI document; this
 * fails when a route or schema changed and the doc was not regenerated.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BEGIN_MARKER, END_MARKER, currentDocument, renderReference, } from '../../scripts/management-api-reference.js';
const DOC = fileURLToPath(new URL('../../../docs/management-api.md', import.meta.url));
test('the endpoint reference in docs/management-api.md matches the generated OpenAPI document', async () => {
    const markdown = readFileSync(DOC, 'utf8');
    const begin = markdown.indexOf(BEGIN_MARKER);
    const end = markdown.indexOf(END_MARKER);
    assert.ok(begin >= 0 && end > begin, 'docs/management-api.md lacks the generated-reference markers');
    const inDoc = markdown.slice(begin + BEGIN_MARKER.length, end).trim();
    const generated = renderReference(await currentDocument());
    assert.ok(inDoc === generated, 'docs/management-api.md is out of date with the routes; run `npx tsc -b && node .build/scripts/management-api-reference.js --write`');
});
test('every documented path is described in the OpenAPI document with a summary', async () => {
    const doc = await currentDocument();
    const paths = doc['paths'];
    assert.ok(Object.keys(paths).length >= 20);
    for (const [path, methods] of Object.entries(paths)) {
        assert.ok(path.startsWith('/api/v1/'), path);
        for (const [method, op] of Object.entries(methods))
            assert.ok((op.summary ?? '').length > 0, `${method} ${path} has no summary`);
    }
});
//# sourceMappingURL=management-api-doc.test.js.map