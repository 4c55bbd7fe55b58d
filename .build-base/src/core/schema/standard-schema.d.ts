/**
 * A structural copy of the Standard Schema v1 interface (https://standardschema.dev), the
 * `~standard` property that zod (3.24+ and 4), valibot, arktype and others put on their
 * schemas. Written here so that accepting a schema costs no runtime dependency: any object
 * of this shape works, whichever library made it.
 * @module
 */
/** One problem a schema found; `path` leads from the validated value to the offending part. */
export interface StandardSchemaIssue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | {
        readonly key: PropertyKey;
    }> | undefined;
}
/** What `validate` returns: the (possibly transformed) value, or the issues. */
export type StandardSchemaResult<Output> = {
    readonly value: Output;
    readonly issues?: undefined;
} | {
    readonly issues: ReadonlyArray<StandardSchemaIssue>;
};
/** A Standard Schema v1 validator (zod, valibot, arktype, …). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
    readonly '~standard': {
        readonly version: 1;
        readonly vendor: string;
        readonly validate: (value: unknown) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
        readonly types?: {
            readonly input: Input;
            readonly output: Output;
        } | undefined;
    };
}
/** An issue as we report it: its message and its path as text (`items[2].sku`, or `` for the root). */
export interface SchemaIssue {
    readonly path: string;
    readonly message: string;
}
/** True for an object carrying a Standard Schema v1 `~standard.validate` function. */
export declare function isStandardSchema(value: unknown): value is StandardSchemaV1;
/**
 * Validates `value`; resolves with the issues (empty when the value is accepted). A schema that
 * throws is reported as one issue at the root, so a broken schema rejects instead of crashing.
 */
export declare function schemaIssues(schema: StandardSchemaV1, value: unknown): Promise<SchemaIssue[]>;
/** `items[2].sku` style; keys that are not identifiers are quoted (`["a b"]`). */
export declare function formatPath(path: StandardSchemaIssue['path']): string;
/** `items[2].sku: Expected string, received number; (root): Required` */
export declare function describeIssues(issues: readonly SchemaIssue[]): string;
