import { createContext, useContext } from 'react';
import type { Profile, SyncOutcome } from './sync';

export interface FieldContextValue {
  profile: Profile;
  online: boolean;
  syncing: boolean;
  last: SyncOutcome | null;
  sync: () => Promise<void>;
  logout: () => Promise<void>;
}

export const FieldContext = createContext<FieldContextValue | null>(null);

export function useField(): FieldContextValue {
  const v = useContext(FieldContext);
  if (!v) throw new Error('useField() outside FieldLayout');
  return v;
}
