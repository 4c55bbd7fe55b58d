/**
 * Capture for the floor mode (bench/floor.ts): records every statement our providers send to
 * the driver while a workload is measured, with its commit grouping, by wrapping the drivers'
 * own entry points in this process (`pg` `Client#query`, better-sqlite3 statements and
 * transactions). Nothing in src/ knows about it; recording costs one array push per statement.
 */
import { createRequire } from 'node:module';
import pg from 'pg';
let pgCapture;
let sqliteCapture;
let installed = false;
const connectionIds = new WeakMap();
let nextConnection = 0;
function connectionOf(client) {
    let id = connectionIds.get(client);
    if (id === undefined) {
        id = ++nextConnection;
        connectionIds.set(client, id);
    }
    return id;
}
/** Wraps the drivers once per process; nothing is recorded until a capture starts. */
export function installCapture() {
    if (installed)
        return;
    installed = true;
    installPg();
    installSqlite();
}
function installPg() {
    const proto = pg.Client.prototype;
    const original = proto.query;
    proto.query = function (...args) {
        const state = pgCapture;
        if (state === undefined)
            return original.apply(this, args);
        const [first, second] = args;
        const config = typeof first === 'string'
            ? { text: first, name: undefined, values: second }
            : first;
        const text = config.text.trim();
        const connection = connectionOf(this);
        const statement = {
            text: config.text,
            name: config.name,
            values: config.values === undefined ? undefined : [...config.values],
        };
        if (/^LISTEN |^UNLISTEN /i.test(text))
            return original.apply(this, args);
        let index = state.open.get(connection);
        let ends = true;
        if (index === undefined) {
            index = state.units.length;
            state.units.push({ connection, statements: [], after: state.completionOrder.length });
            if (/^BEGIN\b/i.test(text)) {
                state.open.set(connection, index);
                ends = false;
            }
        }
        else if (/^(COMMIT|ROLLBACK)\b/i.test(text)) {
            state.open.delete(connection);
        }
        else {
            ends = false;
        }
        state.units[index].statements.push(statement);
        const done = index;
        const result = original.apply(this, args);
        return result.then((r) => {
            statement.rowCount = r.rowCount ?? 0;
            if (ends)
                state.completionOrder.push(done);
            return r;
        }, (error) => {
            if (ends)
                state.completionOrder.push(done);
            throw error;
        });
    };
}
function installSqlite() {
    const require = createRequire(import.meta.url);
    const Database = require('better-sqlite3');
    const probe = new Database(':memory:');
    const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1'));
    probe.close();
    for (const method of ['run', 'get', 'all', 'iterate']) {
        const original = statementProto[method];
        statementProto[method] = function (...args) {
            sqliteCapture?.push({ sql: this.source, method, args: [...args] });
            return original.apply(this, args);
        };
    }
}
/** Starts recording PostgreSQL statements; `stop` returns the commits in issue order. */
export function capturePg() {
    const state = { units: [], completionOrder: [], open: new Map() };
    pgCapture = state;
    return {
        stop: () => {
            pgCapture = undefined;
            return { units: state.units, completionOrder: state.completionOrder };
        },
    };
}
/** Starts recording SQLite steps; `stop` returns them in execution order. */
export function captureSqlite() {
    const steps = [];
    sqliteCapture = steps;
    return {
        stop: () => {
            sqliteCapture = undefined;
            return steps;
        },
    };
}
//# sourceMappingURL=floor-capture.js.map