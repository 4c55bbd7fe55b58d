/**
 * Registries of orchestrations (keyed by name and semver version) and activities.
 * @module
 */
import { ConfigurationError, ERROR_CODES } from '../core/errors/duroxide-error.js';
import { isStandardSchema } from '../core/schema/standard-schema.js';
import { activityNameProblem, orchestrationNameProblem, versionProblem, } from '../core/validation/arguments.js';
import { compareSemVer, parseSemVer } from '../core/versioning/semver.js';
function invalid(message) {
    return new ConfigurationError(ERROR_CODES.INVALID_REGISTRATION, message);
}
/** The shared name rules (core/validation/arguments.ts), reported as registration errors. */
function checkName(name, what) {
    const problem = what === 'orchestration' ? orchestrationNameProblem(name) : activityNameProblem(name);
    if (problem !== undefined)
        throw invalid(problem);
    return name;
}
export class OrchestrationRegistry {
    #byName = new Map();
    #policies = new Map();
    register(name, version, handler, options = {}) {
        checkName(name, 'orchestration');
        const problem = versionProblem(version, `orchestration '${name}': version`);
        if (problem !== undefined)
            throw invalid(problem);
        const semver = parseSemVer(version);
        if (typeof handler !== 'function')
            throw invalid(`orchestration '${name}@${version}': handler must be a function`);
        if (typeof options !== 'object' || options === null)
            throw invalid(`orchestration '${name}@${version}': options must be an object like { inputSchema }`);
        const inputSchema = options.inputSchema;
        if (inputSchema !== undefined && !isStandardSchema(inputSchema)) {
            throw invalid(`orchestration '${name}@${version}': inputSchema must be a Standard Schema (an object with '~standard'.validate, e.g. a zod, valibot or arktype schema)`);
        }
        let versions = this.#byName.get(name);
        if (versions === undefined)
            this.#byName.set(name, (versions = []));
        if (versions.some((v) => compareSemVer(v.semver, semver) === 0)) {
            throw invalid(`orchestration '${name}@${version}' is already registered; register a changed function under a new version`);
        }
        versions.push({ version, semver, handler, inputSchema });
        versions.sort((a, b) => compareSemVer(a.semver, b.semver));
    }
    setPolicy(name, policy) {
        checkName(name, 'orchestration');
        if (policy !== 'latest') {
            if (typeof policy !== 'object' || policy === null || parseSemVer(policy.exact) === null) {
                throw invalid(`version policy for '${name}' must be 'latest' or { exact: '<semver>' }, got ${JSON.stringify(policy)}`);
            }
        }
        // Refused at the call: a default for a name or version this node cannot run is a mistake.
        if (!this.#byName.has(name)) {
            throw invalid(`cannot set a version policy for '${name}': no orchestration of that name is registered here; register it first`);
        }
        if (policy !== 'latest' && this.#exact(name, policy.exact) === undefined) {
            throw invalid(`cannot pin '${name}' to version ${policy.exact}: it is not registered here (registered: ${this.listVersions(name).join(', ')}); register that version first`);
        }
        this.#policies.set(name, policy);
    }
    policy(name) {
        return this.#policies.get(name) ?? 'latest';
    }
    /** The in-code policy of a name as a stored-policy shape; undefined when none was set. */
    defaultPolicy(name) {
        const policy = this.#policies.get(name);
        if (policy === undefined)
            return undefined;
        return policy === 'latest' ? { kind: 'latest' } : { kind: 'pinned', version: policy.exact };
    }
    /** This node's part in fleet version resolution for `name`. */
    versionsOf(name) {
        const versions = this.listVersions(name);
        return versions.length === 0
            ? undefined
            : { versions, defaultPolicy: this.defaultPolicy(name) };
    }
    /** The version a new execution gets under the name's policy, if registered here. */
    resolveVersion(name) {
        const versions = this.#byName.get(name);
        if (versions === undefined || versions.length === 0)
            return undefined;
        const policy = this.policy(name);
        if (policy === 'latest')
            return versions[versions.length - 1].version;
        return this.#exact(name, policy.exact)?.version;
    }
    /** Handler for exactly `version` (semver equality), if registered here. */
    get(name, version) {
        return this.#exact(name, version)?.handler;
    }
    /** Input schema of exactly `version`, if it was registered with one. */
    inputSchema(name, version) {
        return this.#exact(name, version)?.inputSchema;
    }
    #exact(name, version) {
        const semver = parseSemVer(version);
        if (semver === null)
            return undefined;
        return this.#byName.get(name)?.find((v) => compareSemVer(v.semver, semver) === 0);
    }
    has(name) {
        return this.#byName.has(name);
    }
    listNames() {
        return [...this.#byName.keys()].sort();
    }
    /** Registered versions of `name`, ascending. */
    listVersions(name) {
        return (this.#byName.get(name) ?? []).map((v) => v.version);
    }
}
export class ActivityRegistry {
    #handlers = new Map();
    register(name, handler) {
        checkName(name, 'activity');
        if (typeof handler !== 'function')
            throw invalid(`activity '${name}': handler must be a function`);
        if (this.#handlers.has(name))
            throw invalid(`activity '${name}' is already registered`);
        this.#handlers.set(name, handler);
    }
    get(name) {
        return this.#handlers.get(name);
    }
    listNames() {
        return [...this.#handlers.keys()].sort();
    }
}
//# sourceMappingURL=registry.js.map