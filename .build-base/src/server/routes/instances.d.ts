import { type ManagementApp, type RouteDeps } from '../server-env.js';
export declare function registerInstanceReadRoutes(app: ManagementApp, deps: RouteDeps): void;
