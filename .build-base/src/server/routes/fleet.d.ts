import { type ManagementApp, type RouteDeps } from '../server-env.js';
export declare function registerFleetRoutes(app: ManagementApp, deps: RouteDeps): void;
