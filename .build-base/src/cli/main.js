/**
 * The `duroxide` binary's entry (`dist/cli.js`, `bin.duroxide` in package.json).
 * @module
 */
import { processIo, runCli } from './program.js';
void runCli(process.argv, processIo()).then((code) => {
    process.exitCode = code;
});
//# sourceMappingURL=main.js.map