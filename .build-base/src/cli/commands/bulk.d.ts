/**
 * `duroxide bulk <action>`: the twin of `POST /api/v1/bulk`.
 * @module
 */
import type { Command } from 'commander';
import { type CliContext } from '../cli-context.js';
type Ctx = (command: Command) => CliContext;
export declare function registerBulkCommand(program: Command, ctx: Ctx): void;
export {};
