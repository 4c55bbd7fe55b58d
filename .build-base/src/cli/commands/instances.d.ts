/**
 * `duroxide instances …`: the twins of the instance endpoints.
 * @module
 */
import type { Command } from 'commander';
import { type CliContext } from '../cli-context.js';
type Ctx = (command: Command) => CliContext;
export declare function registerInstanceCommands(program: Command, ctx: Ctx): void;
export {};
