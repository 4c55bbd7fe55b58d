/** The caller's role and the server's mode (GET /settings), for showing only allowed actions. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Settings } from './api/types.js';

export const SettingsContext = createContext<Settings | undefined>(undefined);

export interface Permissions {
  readonly canOperate: boolean;
  readonly canAdmin: boolean;
}

export function usePermissions(): Permissions {
  const s = useContext(SettingsContext);
  if (s === undefined || s.isReadOnly) return { canOperate: false, canAdmin: false };
  return { canOperate: s.role !== 'viewer', canAdmin: s.role === 'admin' };
}
