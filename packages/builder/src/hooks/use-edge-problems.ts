import type { Problem } from '@chatflow/engine';
import { useSyncExternalStore } from 'react';
import { useEditor } from './use-editor';

/** One canvas edge's problems; the edge re-renders only when they change. */
export function useEdgeProblems(edgeId: string): readonly Problem[] {
  const { status } = useEditor();
  return useSyncExternalStore(status.subscribe, () => status.problemsOfEdge(edgeId));
}
