import { createContext, useContext, useEffect, useState } from 'react';
import type { Template } from '../api/templates-api';
import { useBusinessApi } from './use-business-api';

const NONE: readonly Template[] = [];

/** The workspace's synced templates, for the editor's template messages and their checks. */
export const SyncedTemplatesContext = createContext<readonly Template[]>(NONE);

/** The synced templates the editor provides (none before a sync, or for a user who may not list them). */
export function useSyncedTemplateList(): readonly Template[] {
  return useContext(SyncedTemplatesContext);
}

/** Loads the synced templates once, for the editor to provide. */
export function useSyncedTemplates(): readonly Template[] {
  const { templates } = useBusinessApi();
  const [list, setList] = useState<readonly Template[]>(NONE);
  useEffect(() => {
    let live = true;
    templates
      .list()
      .then((found) => live && setList(found))
      // Without the list the editor still works; it only cannot check templates against Meta's.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [templates]);
  return list;
}
