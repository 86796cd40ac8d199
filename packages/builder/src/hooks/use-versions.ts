import { useEffect, useState } from 'react';
import type { VersionInfo } from '../api/flows-api';
import { useApi } from './use-api';

/** A flow's published versions, newest first; reloads when `reloadKey` changes (after a publish). */
export function useVersions(flowId: string, reloadKey: number): { versions?: VersionInfo[]; error?: string } {
  const { flows } = useApi();
  const [state, setState] = useState<{ versions?: VersionInfo[]; error?: string }>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey only asks for a fresh list
  useEffect(() => {
    let live = true;
    flows.versions(flowId).then(
      (versions) => live && setState({ versions }),
      (error: unknown) => live && setState({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [flows, flowId, reloadKey]);
  return state;
}
