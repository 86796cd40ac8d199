import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditor } from './use-editor';

/**
 * Selects an edge and fits the two nodes it joins in view (from a problem on it). Returns false
 * when the flow has no such edge, so the caller can show the problem's node instead.
 */
export function useFocusEdge(): (edgeId: string) => boolean {
  const { editor } = useEditor();
  const flow = useReactFlow();
  return useCallback(
    (edgeId: string) => {
      const edge = editor.getState().edges.find((candidate) => candidate.id === edgeId);
      if (!edge) return false;
      editor.selectEdge(edgeId);
      void flow.fitView({ nodes: [{ id: edge.source }, { id: edge.target }], padding: 0.3, maxZoom: 1, duration: 300 });
      return true;
    },
    [editor, flow],
  );
}
