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
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** What `validate` returns: the (possibly transformed) value, or the issues. */
export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardSchemaIssue> };

/** A Standard Schema v1 validator (zod, valibot, arktype, …). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** An issue as we report it: its message and its path as text (`items[2].sku`, or `` for the root). */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/** True for an object carrying a Standard Schema v1 `~standard.validate` function. */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const standard = (value as { '~standard'?: unknown })['~standard'];
  return (
    typeof standard === 'object' &&
    standard !== null &&
    (standard as { version?: unknown }).version === 1 &&
    typeof (standard as { validate?: unknown }).validate === 'function'
  );
}

/**
 * Validates `value`; resolves with the issues (empty when the value is accepted). A schema that
 * throws is reported as one issue at the root, so a broken schema rejects instead of crashing.
 */
export async function schemaIssues(
  schema: StandardSchemaV1,
  value: unknown,
): Promise<SchemaIssue[]> {
  let result: StandardSchemaResult<unknown>;
  try {
    result = await schema['~standard'].validate(value);
  } catch (error) {
    return [
      {
        path: '',
        message: `the schema's validate threw: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
  if (result.issues === undefined) return [];
  return result.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: String(issue.message),
  }));
}

/** `items[2].sku` style; keys that are not identifiers are quoted (`["a b"]`). */
export function formatPath(path: StandardSchemaIssue['path']): string {
  let text = '';
  for (const segment of path ?? []) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'symbol') text += `[${key.toString()}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) text += text.length === 0 ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}

/** `items[2].sku: Expected string, received number; (root): Required` */
export function describeIssues(issues: readonly SchemaIssue[]): string {
  return issues.map((i) => `${i.path === '' ? '(root)' : i.path}: ${i.message}`).join('; ');
}
