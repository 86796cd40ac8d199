import { defaultRegistry } from '@chatflow/engine';
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { autoLayout } from '../editor/auto-layout';
import type { EditorNode } from '../editor/editor-node';
import { nodeExits } from '../editor/node-content';
import { toasts } from '../notifications/toasts';
import { useEditor } from './use-editor';

const exitsOf = (node: EditorNode) => {
  const definition = node.type ? defaultRegistry.get(node.type) : undefined;
  return definition ? nodeExits(definition, node.data) : [];
};

/** Lays the whole flow out left to right (one undo step), then zooms to fit it. */
export function useAutoLayout(): () => Promise<void> {
  const { editor } = useEditor();
  const flow = useReactFlow();
  return useCallback(async () => {
    const { nodes, edges } = editor.getState();
    if (editor.readOnly || nodes.length === 0) return;
    try {
      editor.moveNodes(await autoLayout(nodes, edges, exitsOf));
      requestAnimationFrame(() => void flow.fitView({ padding: 0.15, maxZoom: 1, duration: 300 }));
    } catch (error) {
      toasts.show('error', `Auto-layout failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, [editor, flow]);
}
