import { defaultRegistry } from '@chatflow/engine';
import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type Edge,
  MarkerType,
  MiniMap,
  ReactFlow,
  type ReactFlowState,
  useReactFlow,
  useStore,
  type XYPosition,
} from '@xyflow/react';
import { type DragEvent, type MouseEvent, useCallback, useMemo } from 'react';
import type { EditorNode } from '../../editor/editor-node';
import { DEFAULT_NODE_SIZE } from '../../editor/place-node';
import { useAddNode } from '../../hooks/use-add-node';
import { useEditor } from '../../hooks/use-editor';
import { useEditorState } from '../../hooks/use-editor-state';
import { PALETTE_MIME } from '../Palette/palette-mime';
import { edgeTypes, FLOW_EDGE } from './edge-types';
import { minimapColor } from './minimap-color';
import { nodeTypes, UNKNOWN_TYPE } from './node-types';
import '@xyflow/react/dist/style.css';
import './style.css';

/** Past this many nodes only the ones in view are rendered, so large flows pan smoothly. */
const VISIBLE_ONLY_ABOVE = 150;
/** Past this many nodes the flow opens on its start rather than zoomed out to unreadable dots. */
const OPEN_ON_START_ABOVE = 60;

const defaultEdgeOptions = {
  type: FLOW_EDGE,
  interactionWidth: 16,
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#98a2b3' },
};

interface CanvasProps {
  /** Where the pointer is on the canvas, in flow coordinates (paste goes there). */
  onPointer: (position: XYPosition) => void;
}

const isValidConnection = (connection: Connection | Edge) => connection.source !== connection.target;

/** Below this zoom node texts are too small to read: they are not painted, so panning stays smooth. */
const FAR_ZOOM = 0.45;
const isFar = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM;

/** The flow on the canvas: drag nodes, connect exits, drop node types from the palette. */
export function Canvas({ onPointer }: CanvasProps) {
  const { editor } = useEditor();
  const { nodes: editorNodes, edges, meta } = useEditorState(editor);
  // Nodes of unknown types get a card that says so; the others are passed as they are (same
  // objects, so React Flow skips them when nothing changed).
  const nodes = useMemo(
    () => editorNodes.map((node) => (node.type && defaultRegistry.get(node.type) ? node : { ...node, type: UNKNOWN_TYPE })),
    [editorNodes],
  );
  const flow = useReactFlow();
  const add = useAddNode();
  const readOnly = editor.readOnly;
  const far = useStore(isFar);
  // Decided once, when the flow opens: a small flow is fitted into view; a large one opens at its
  // start node, at full size, without waiting for every node to be measured.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first view only
  const initialView = useMemo(() => {
    if (nodes.length <= OPEN_ON_START_ABOVE) return { fitView: true, fitViewOptions: { maxZoom: 1, padding: 0.2 } };
    const start = nodes.find((node) => node.id === meta.start) ?? nodes[0];
    const pane = { width: window.innerWidth - 572, height: window.innerHeight - 52 };
    const x = pane.width / 3 - (start?.position.x ?? 0);
    const y = pane.height / 2 - (start?.position.y ?? 0) - DEFAULT_NODE_SIZE.height / 2;
    return { defaultViewport: { x, y, zoom: 1 } };
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type) return;
      event.preventDefault();
      add.at(type, { x: event.clientX, y: event.clientY });
    },
    [add],
  );

  const onMouseMove = useCallback(
    (event: MouseEvent) => onPointer(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })),
    [flow, onPointer],
  );

  return (
    <div
      className={`canvas${far ? ' is-far' : ''}`}
      role="application"
      aria-label="Flow canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
      onMouseMove={onMouseMove}
      data-testid="canvas"
    >
      <ReactFlow<EditorNode>
        nodes={nodes as EditorNode[]}
        edges={edges as Edge[]}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={editor.applyNodeChanges}
        onEdgesChange={editor.applyEdgeChanges}
        onConnect={editor.connect}
        isValidConnection={isValidConnection}
        defaultEdgeOptions={defaultEdgeOptions}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_ABOVE}
        minZoom={0.1}
        maxZoom={2}
        {...initialView}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#c9ced6" />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap pannable zoomable position="bottom-right" nodeColor={minimapColor} ariaLabel="Overview of the whole flow" />
      </ReactFlow>
      {nodes.length === 0 ? (
        <div className="canvas-empty">
          <div className="canvas-empty-card">
            <strong>{readOnly ? 'This version has no nodes' : 'Start your flow'}</strong>
            {readOnly ? null : (
              <span>
                Drag a node from the palette on the left onto the canvas, or click one to add it. The first node is where conversations
                start.
              </span>
            )}
          </div>
        </div>
      ) : null}
    </div>
  );
}
