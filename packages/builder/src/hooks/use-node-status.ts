import type { Problem } from '@chatflow/engine';
import { useSyncExternalStore } from 'react';
import { useEditor } from './use-editor';

/** One canvas node's problems, and whether it is the start and where the simulated chat is. */
export function useNodeStatus(nodeId: string): { problems: readonly Problem[]; isStart: boolean; isActive: boolean } {
  const { status } = useEditor();
  const problems = useSyncExternalStore(status.subscribe, () => status.problemsOf(nodeId));
  const isStart = useSyncExternalStore(status.subscribe, () => status.isStart(nodeId));
  const isActive = useSyncExternalStore(status.subscribe, () => status.isActive(nodeId));
  return { problems, isStart, isActive };
}
