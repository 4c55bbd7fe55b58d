export declare const BEGIN_MARKER = "<!-- BEGIN GENERATED REFERENCE (scripts/management-api-reference.ts) -->";
export declare const END_MARKER = "<!-- END GENERATED REFERENCE -->";
type Schema = Record<string, unknown>;
/** A short type text for a JSON schema: `string`, `integer`, `InstanceInfo[]`, `'a' | 'b'`. */
export declare function typeText(schema: Schema | undefined): string;
export declare function renderReference(doc: Record<string, unknown>): string;
/** The OpenAPI document of a server over a throwaway in-memory store. */
export declare function currentDocument(): Promise<Record<string, unknown>>;
/** Replaces the text between the markers of `markdown` with `reference`. */
export declare function spliceReference(markdown: string, reference: string): string;
export {};
