import type { XYPosition } from '@xyflow/react';
import type { EditorNode } from './editor-node';

/** Size assumed for a node React Flow has not measured yet. */
export const DEFAULT_NODE_SIZE = { width: 260, height: 120 };
const GAP = 80;
/** Room kept between a new node and the ones around it. */
const MARGIN = 24;

function sizeOf(node: EditorNode): { width: number; height: number } {
  return {
    width: node.measured?.width ?? DEFAULT_NODE_SIZE.width,
    height: node.measured?.height ?? DEFAULT_NODE_SIZE.height,
  };
}

function overlaps(at: XYPosition, node: EditorNode): boolean {
  const size = sizeOf(node);
  return (
    at.x < node.position.x + size.width + MARGIN &&
    at.x + DEFAULT_NODE_SIZE.width + MARGIN > node.position.x &&
    at.y < node.position.y + size.height + MARGIN &&
    at.y + DEFAULT_NODE_SIZE.height + MARGIN > node.position.y
  );
}

/** The first spot at or below `at` where a new node covers no other. */
export function freeSpot(at: XYPosition, nodes: readonly EditorNode[]): XYPosition {
  const spot = { ...at };
  for (let tries = 0; tries < 200 && nodes.some((node) => overlaps(spot, node)); tries += 1) {
    spot.y += 40;
  }
  return spot;
}

/** Where a node added after `previous` goes: to its right, lower down if that spot is taken. */
export function spotAfter(previous: EditorNode, nodes: readonly EditorNode[]): XYPosition {
  return freeSpot({ x: previous.position.x + sizeOf(previous).width + GAP, y: previous.position.y }, nodes);
}
