import { type ManagementApp, type RouteDeps } from '../server-env.js';
export declare function registerSystemRoutes(app: ManagementApp, deps: RouteDeps): void;
