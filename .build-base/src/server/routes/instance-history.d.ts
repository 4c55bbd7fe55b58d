import { type ManagementApp, type RouteDeps } from '../server-env.js';
export declare function registerInstanceHistoryRoutes(app: ManagementApp, deps: RouteDeps): void;
