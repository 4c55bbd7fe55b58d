import { type ManagementApp, type RouteDeps } from '../server-env.js';
export declare function registerStreamRoutes(app: ManagementApp, deps: RouteDeps): void;
