/**
 * A structural copy of the Standard Schema v1 interface (https://standardschema.dev), the
 * `~standard` property that zod (3.24+ and 4), valibot, arktype and others put on their
 * schemas. Written here so that accepting a schema costs no runtime dependency: any object
 * of this shape works, whichever library made it.
 * @module
 */
/** True for an object carrying a Standard Schema v1 `~standard.validate` function. */
export function isStandardSchema(value) {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null)
        return false;
    const standard = value['~standard'];
    return (typeof standard === 'object' &&
        standard !== null &&
        standard.version === 1 &&
        typeof standard.validate === 'function');
}
/**
 * Validates `value`; resolves with the issues (empty when the value is accepted). A schema that
 * throws is reported as one issue at the root, so a broken schema rejects instead of crashing.
 */
export async function schemaIssues(schema, value) {
    let result;
    try {
        result = await schema['~standard'].validate(value);
    }
    catch (error) {
        return [
            {
                path: '',
                message: `the schema's validate threw: ${error instanceof Error ? error.message : String(error)}`,
            },
        ];
    }
    if (result.issues === undefined)
        return [];
    return result.issues.map((issue) => ({
        path: formatPath(issue.path),
        message: String(issue.message),
    }));
}
/** `items[2].sku` style; keys that are not identifiers are quoted (`["a b"]`). */
export function formatPath(path) {
    let text = '';
    for (const segment of path ?? []) {
        const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
        if (typeof key === 'number')
            text += `[${key}]`;
        else if (typeof key === 'symbol')
            text += `[${key.toString()}]`;
        else if (/^[A-Za-z_$][\w$]*$/.test(key))
            text += text.length === 0 ? key : `.${key}`;
        else
            text += `[${JSON.stringify(key)}]`;
    }
    return text;
}
/** `items[2].sku: Expected string, received number; (root): Required` */
export function describeIssues(issues) {
    return issues.map((i) => `${i.path === '' ? '(root)' : i.path}: ${i.message}`).join('; ');
}
//# sourceMappingURL=standard-schema.js.map