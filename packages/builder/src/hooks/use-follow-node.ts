import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { DEFAULT_NODE_SIZE } from '../editor/place-node';

/** Keeps a node in view as it changes (the node a test chat is at), without changing the zoom. */
export function useFollowNode(nodeId: string | undefined): void {
  const flow = useReactFlow();
  useEffect(() => {
    if (!nodeId) return;
    const node = flow.getInternalNode(nodeId);
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!node || !pane) return;
    const { x, y, zoom } = flow.getViewport();
    const width = node.measured.width ?? DEFAULT_NODE_SIZE.width;
    const height = node.measured.height ?? DEFAULT_NODE_SIZE.height;
    const left = node.internals.positionAbsolute.x * zoom + x;
    const top = node.internals.positionAbsolute.y * zoom + y;
    const inView = left >= 0 && top >= 0 && left + width * zoom <= pane.width && top + height * zoom <= pane.height;
    if (!inView) {
      void flow.setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, {
        zoom,
        duration: 400,
      });
    }
  }, [flow, nodeId]);
}
