import { type ManagementApp, type RouteDeps } from '../server-env.js';
export declare function registerUpgradeInstanceRoutes(app: ManagementApp, deps: RouteDeps): void;
