/**
 * What every statement module is prepared with: the schema its tables live in (and its NOTIFY
 * channel) and the provider's identity for NOTIFY payloads.
 * @module
 */
import type { SchemaIdentity } from '../connection-config.js';
export interface StatementContext {
    readonly schema: SchemaIdentity;
    /** This provider's random id, sent with each NOTIFY so it can ignore its own. */
    readonly origin: string;
}
/** `"schema".table` */
export declare function table(ctx: StatementContext, name: string): string;
