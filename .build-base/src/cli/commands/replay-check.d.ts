import type { Command } from 'commander';
import { type CliContext } from '../cli-context.js';
type Ctx = (command: Command) => CliContext;
export declare function registerReplayCheckCommand(program: Command, ctx: Ctx): void;
export {};
