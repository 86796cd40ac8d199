import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { DEFAULT_NODE_SIZE } from '../editor/place-node';
import { useEditor } from './use-editor';

/** Selects a node and brings it to the middle of the canvas (from a problem, a search result...). */
export function useFocusNode(): (nodeId: string) => void {
  const { editor } = useEditor();
  const flow = useReactFlow();
  return useCallback(
    (nodeId: string) => {
      const node = editor.getState().nodes.find((candidate) => candidate.id === nodeId);
      if (!node) return;
      editor.select([nodeId]);
      const width = node.measured?.width ?? DEFAULT_NODE_SIZE.width;
      const height = node.measured?.height ?? DEFAULT_NODE_SIZE.height;
      void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, {
        zoom: Math.max(flow.getZoom(), 1),
        duration: 300,
      });
    },
    [editor, flow],
  );
}
