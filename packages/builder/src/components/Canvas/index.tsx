import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type Edge,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type XYPosition,
} from '@xyflow/react';
import { type DragEvent, type MouseEvent, useCallback } from 'react';
import type { EditorNode } from '../../editor/editor-node';
import { useAddNode } from '../../hooks/use-add-node';
import { useEditor } from '../../hooks/use-editor';
import { useEditorState } from '../../hooks/use-editor-state';
import { PALETTE_MIME } from '../Palette/palette-mime';
import { minimapColor } from './minimap-color';
import { nodeTypes } from './node-types';
import '@xyflow/react/dist/style.css';
import './style.css';

/** Past this many nodes only the ones in view are rendered, so large flows pan smoothly. */
const VISIBLE_ONLY_ABOVE = 150;

const defaultEdgeOptions = { type: 'smoothstep', interactionWidth: 16 } as const;

interface CanvasProps {
  /** Where the pointer is on the canvas, in flow coordinates (paste goes there). */
  onPointer: (position: XYPosition) => void;
}

const isValidConnection = (connection: Connection | Edge) => connection.source !== connection.target;

/** The flow on the canvas: drag nodes, connect exits, drop node types from the palette. */
export function Canvas({ onPointer }: CanvasProps) {
  const { editor } = useEditor();
  const { nodes, edges } = useEditorState(editor);
  const flow = useReactFlow();
  const add = useAddNode();
  const readOnly = editor.readOnly;

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
      className="canvas"
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
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
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
