import { ProviderError } from '../../core/errors/duroxide-error.js';
/**
 * Imports `pg` (Node caches the module, so repeated calls are cheap). `pg` is CommonJS: under
 * ESM its exports sit on `default`, while the CJS build of this package sees them directly,
 * so both shapes are accepted.
 * @throws ProviderError (permanent) naming the missing package and the install command.
 */
export async function loadPg() {
    try {
        const mod = (await import('pg'));
        return mod.default ?? mod;
    }
    catch (error) {
        throw new ProviderError('connect', "the PostgreSQL driver 'pg' is not installed; add it to your application with `npm install pg`", false, error);
    }
}
//# sourceMappingURL=load-pg.js.map