import { useSyncExternalStore } from 'react';
import { useEditor } from './use-editor';

/** While the traffic view is on: the share of the busiest exit's traffic this node's exit carried (0 to 1). */
export function useExitShare(nodeId: string, exitId: string): number | undefined {
  const { status } = useEditor();
  return useSyncExternalStore(status.subscribe, () => status.exitShare(nodeId, exitId));
}
