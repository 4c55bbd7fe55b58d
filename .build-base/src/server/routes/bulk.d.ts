import { type ManagementApp, type RouteDeps } from '../server-env.js';
export declare function registerBulkRoutes(app: ManagementApp, deps: RouteDeps): void;
