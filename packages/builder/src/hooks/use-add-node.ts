import { useReactFlow, type XYPosition } from '@xyflow/react';
import { useCallback } from 'react';
import { DEFAULT_NODE_SIZE, freeSpot, spotAfter } from '../editor/place-node';
import { useEditor } from './use-editor';

/**
 * Adding nodes from the palette: `at` a dropped position, or `next` to the selected node
 * (connected from its first free exit), else in the middle of the view.
 */
export function useAddNode(): { at: (type: string, screen: XYPosition) => void; next: (type: string) => void } {
  const { editor } = useEditor();
  const flow = useReactFlow();
  const at = useCallback(
    (type: string, screen: XYPosition) => {
      const position = flow.screenToFlowPosition(screen);
      editor.addNode(type, { x: position.x - DEFAULT_NODE_SIZE.width / 2, y: position.y - 20 });
    },
    [editor, flow],
  );
  const next = useCallback(
    (type: string) => {
      const { nodes } = editor.getState();
      const selected = editor.selectedNodes();
      if (selected.length === 1) {
        const previous = selected[0]!;
        editor.addNode(type, spotAfter(previous, nodes), previous.id);
        return;
      }
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const middle = pane ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }) : { x: 0, y: 0 };
      editor.addNode(type, freeSpot({ x: middle.x - DEFAULT_NODE_SIZE.width / 2, y: middle.y - 60 }, nodes));
    },
    [editor, flow],
  );
  return { at, next };
}
