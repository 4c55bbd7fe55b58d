import type { ProviderWith } from '../providers/provider.js';
import type { DeleteInstanceResult } from './types.js';
export declare function deleteInstanceTree(provider: ProviderWith<'management'>, id: string, force: boolean): Promise<DeleteInstanceResult>;
