/**
 * Renders the endpoint reference of docs/management-api.md from the OpenAPI document the
 * server generates from its route schemas, so the reference cannot drift (a test compares).
 * Run `node .build/scripts/management-api-reference.js --write` after `npx tsc -b` to update
 * the doc.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, SqliteProvider } from '../src/index.js';
import { createManagementServer } from '../src/server/create-management-server.js';
export const BEGIN_MARKER = '<!-- BEGIN GENERATED REFERENCE (scripts/management-api-reference.ts) -->';
export const END_MARKER = '<!-- END GENERATED REFERENCE -->';
function refName(ref) {
    return ref.slice(ref.lastIndexOf('/') + 1);
}
/** A short type text for a JSON schema: `string`, `integer`, `InstanceInfo[]`, `'a' | 'b'`. */
export function typeText(schema) {
    if (schema === undefined)
        return 'any';
    if (typeof schema['$ref'] === 'string')
        return `[${refName(schema['$ref'])}](#${refName(schema['$ref']).toLowerCase()})`;
    if (Array.isArray(schema['enum']))
        return schema['enum'].map((v) => JSON.stringify(v)).join(' \\| ');
    if (schema['const'] !== undefined)
        return JSON.stringify(schema['const']);
    for (const key of ['anyOf', 'oneOf']) {
        const options = schema[key];
        if (Array.isArray(options))
            return options.map(typeText).join(' \\| ');
    }
    const type = schema['type'];
    if (type === 'array')
        return `${typeText(schema['items'])}[]`;
    if (Array.isArray(type))
        return type.join(' \\| ');
    if (type === 'object' && schema['properties'] === undefined)
        return 'object';
    if (typeof type === 'string')
        return type;
    return 'any';
}
function fieldRows(schema) {
    const properties = (schema['properties'] ?? {});
    const required = new Set((schema['required'] ?? []));
    return Object.entries(properties).map(([name, s]) => {
        const description = typeof s['description'] === 'string' ? s['description'] : '';
        return `| \`${name}\` | ${typeText(s)} | ${required.has(name) ? 'yes' : ''} | ${description} |`;
    });
}
export function renderReference(doc) {
    const lines = [];
    const paths = doc['paths'];
    lines.push('### Endpoints', '');
    for (const [path, methods] of Object.entries(paths)) {
        for (const [method, op] of Object.entries(methods)) {
            const security = op['security'];
            const role = typeof op['x-required-role'] === 'string'
                ? op['x-required-role']
                : security !== undefined && security.length === 0
                    ? 'none (no key)'
                    : 'viewer';
            lines.push(`#### \`${method.toUpperCase()} ${path}\``, '', `${String(op['summary'] ?? '')}`, '', `Role: ${role}.`, '');
            if (typeof op['description'] === 'string')
                lines.push(op['description'], '');
            const parameters = (op['parameters'] ?? []);
            if (parameters.length > 0) {
                lines.push('| Parameter | In | Type | Required | Description |', '|---|---|---|---|---|');
                for (const p of parameters) {
                    const s = p['schema'];
                    const description = typeof s?.['description'] === 'string' ? s['description'] : '';
                    lines.push(`| \`${String(p['name'])}\` | ${String(p['in'])} | ${typeText(s)} | ${p['required'] === true ? 'yes' : ''} | ${description} |`);
                }
                lines.push('');
            }
            const body = op['requestBody'];
            if (body !== undefined) {
                const schema = body['content']['application/json']['schema'];
                lines.push(`Body (JSON${body['required'] === true ? ', required' : ', optional'}): ${typeText(schema)}`, '');
            }
            const responses = op['responses'];
            lines.push('Responses:', '');
            for (const [status, r] of Object.entries(responses)) {
                const content = r['content'];
                const schema = content?.['application/json']?.['schema'];
                lines.push(`- ${status}: ${String(r['description'])}${schema !== undefined ? ` — ${typeText(schema)}` : ''}`);
            }
            lines.push('');
        }
    }
    lines.push('### Schemas', '');
    const schemas = (doc['components']['schemas'] ?? {});
    for (const name of Object.keys(schemas).sort()) {
        const schema = schemas[name];
        lines.push(`#### ${name}`, '');
        const rows = fieldRows(schema);
        if (rows.length > 0)
            lines.push('| Field | Type | Required | Description |', '|---|---|---|---|', ...rows);
        else
            lines.push(`${typeText(schema)}`);
        lines.push('');
    }
    return lines.join('\n').trimEnd();
}
/** The OpenAPI document of a server over a throwaway in-memory store. */
export async function currentDocument() {
    const provider = await SqliteProvider.inMemory();
    try {
        return createManagementServer({ client: new Client(provider) }).openApiDocument();
    }
    finally {
        await provider.close();
    }
}
/** Replaces the text between the markers of `markdown` with `reference`. */
export function spliceReference(markdown, reference) {
    const begin = markdown.indexOf(BEGIN_MARKER);
    const end = markdown.indexOf(END_MARKER);
    if (begin < 0 || end < begin)
        throw new Error(`docs/management-api.md must contain ${BEGIN_MARKER} … ${END_MARKER}`);
    return `${markdown.slice(0, begin + BEGIN_MARKER.length)}\n\n${reference}\n\n${markdown.slice(end)}`;
}
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
    const file = fileURLToPath(new URL('../../docs/management-api.md', import.meta.url));
    const reference = renderReference(await currentDocument());
    writeFileSync(file, spliceReference(readFileSync(file, 'utf8'), reference));
    console.log(`updated ${file}`);
}
//# sourceMappingURL=management-api-reference.js.map