/**
 * Small builders for route definitions: JSON and problem+json response entries.
 * @module
 */
import type { z } from '@hono/zod-openapi';
export declare function ok<S extends z.ZodType>(schema: S, description: string): {
    description: string;
    content: {
        'application/json': {
            schema: S;
        };
    };
};
/**
 * Problem responses for the OpenAPI document. Declared without a schema-typed body so handlers
 * are not asked to return them: errors are thrown and rendered by the server's error handler.
 */
export declare function problemResponses(...statuses: number[]): Record<number, {
    description: string;
}>;
/** `T` with every `readonly` removed, recursively (the Client's read models are readonly). */
export type DeepMutable<T> = T extends (infer U)[] ? DeepMutable<U>[] : T extends readonly (infer U)[] ? DeepMutable<U>[] : T extends object ? {
    -readonly [K in keyof T]: DeepMutable<T[K]>;
} : T;
/** The same value, typed as mutable for the response schemas (it is only serialised). */
export declare function plain<T>(value: T): DeepMutable<T>;
