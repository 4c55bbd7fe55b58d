import { type ManagementApp, type RouteDeps } from '../server-env.js';
export declare function registerInstanceActionRoutes(app: ManagementApp, deps: RouteDeps): void;
