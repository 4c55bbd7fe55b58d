/**
 * `duroxide versions | upgrades | policy … | nodes | audit | metrics | queues`.
 * @module
 */
import type { Command } from 'commander';
import { type CliContext } from '../cli-context.js';
type Ctx = (command: Command) => CliContext;
export declare function registerFleetCommands(program: Command, ctx: Ctx): void;
export {};
