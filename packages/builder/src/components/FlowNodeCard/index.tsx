import { defaultRegistry } from '@chatflow/engine';
import { Handle, type NodeProps, Position, useUpdateNodeInternals } from '@xyflow/react';
import { type CSSProperties, memo, useEffect, useMemo, useRef } from 'react';
import type { EditorNode } from '../../editor/editor-node';
import { nodeExits, nodeSummary, nodeVariables } from '../../editor/node-content';
import { missingExits } from '../../editor/problems-by-edge';
import { useNodeStatus } from '../../hooks/use-node-status';
import { categoryColor } from './category-color';
import { NodeProblems } from './node-problems';
import './style.css';

/** Exits every node type may have that are not a choice of the admin's; drawn quieter. */
const SYSTEM_EXITS = new Set(['invalid', 'timeout', 'error']);

/**
 * A node on the canvas: its type, what it says (the type's summary), the variable it saves,
 * one labelled handle per exit, and its problems. Memoised: it re-renders only when its own
 * data, selection or status changes.
 */
function FlowNodeCardView({ id, type, data, selected }: NodeProps<EditorNode>) {
  const definition = defaultRegistry.get(type);
  const { problems, isStart, isActive, windowNote, traffic } = useNodeStatus(id);
  const exits = useMemo(() => (definition ? nodeExits(definition, data) : []), [definition, data]);
  const summary = useMemo(() => (definition ? nodeSummary(definition, data) : ''), [definition, data]);
  const saves = useMemo(() => (definition ? nodeVariables(definition, data).sets : []), [definition, data]);
  // Exits its edges still leave but the node no longer has (a deleted menu option): drawn as
  // broken handles, so the edge stays on the canvas showing its error until it is removed.
  const missing = useMemo(() => missingExits(problems), [problems]);
  const updateNodeInternals = useUpdateNodeInternals();
  const exitKey = [...exits.map((exit) => exit.id), ...missing].join('\n');
  const measuredExits = useRef(exitKey);
  useEffect(() => {
    // Handles added or removed (a menu option) must be re-measured for edges to attach to them.
    if (measuredExits.current === exitKey) return;
    measuredExits.current = exitKey;
    updateNodeInternals(id);
  }, [id, exitKey, updateNodeInternals]);

  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const accent = { '--accent': definition ? categoryColor(definition.category) : '#9aa3af' } as CSSProperties;
  const classes = ['flow-node', selected ? 'is-selected' : '', isActive ? 'is-active' : '', errors ? 'has-errors' : ''];

  return (
    <div className={classes.filter(Boolean).join(' ')} style={accent} data-node-id={id} data-testid={`node-${id}`}>
      <Handle type="target" position={Position.Left} className="flow-node-target" />
      <div className="flow-node-header">
        <span className="flow-node-icon">{definition?.icon ?? '❓'}</span>
        <div className="flow-node-title">
          <strong>{definition?.title ?? 'Unknown node type'}</strong>
          <span className="flow-node-id">{id}</span>
        </div>
        {isStart ? <span className="flow-node-start">Start</span> : null}
        {isActive ? <span className="flow-node-here">● Chat is here</span> : null}
      </div>
      {traffic ? (
        <div className={`flow-node-traffic${traffic.droppedOff > 0 ? ' has-drop-off' : ''}`} data-testid="node-traffic">
          <span title="Conversations that reached this node">▶ {traffic.entered} entered</span>
          {traffic.waiting > 0 ? <span title="Waiting here now">⏸ {traffic.waiting} waiting</span> : null}
          {traffic.droppedOff > 0 ? <span title="Conversations that stopped here">↘ {traffic.droppedOff} dropped off</span> : null}
        </div>
      ) : null}
      {summary ? <div className="flow-node-summary">{summary}</div> : <div className="flow-node-summary is-empty">Nothing set yet</div>}
      {saves.length > 0 ? (
        <div className="flow-node-saves">
          Saves to{' '}
          {saves.map((name) => (
            <code key={name}>{`{{${name}}}`}</code>
          ))}
        </div>
      ) : null}
      {exits.length + missing.length > 0 ? (
        <div className="flow-node-exits">
          {exits.map((exit) => (
            <div key={exit.id} className={`flow-node-exit${SYSTEM_EXITS.has(exit.id) ? ' is-system' : ''}`} data-exit={exit.id}>
              <span>{exit.label || exit.id}</span>
              {traffic ? <span className="flow-node-exit-count">{traffic.exits[exit.id] ?? 0}</span> : null}
              <Handle type="source" position={Position.Right} id={exit.id} className="flow-node-handle" />
            </div>
          ))}
          {missing.map((exit) => (
            <div
              key={`missing-${exit}`}
              className="flow-node-exit is-missing"
              data-missing-exit={exit}
              title={`Exit "${exit}" no longer exists`}
            >
              <span>⛔ {exit} (removed)</span>
              <Handle type="source" position={Position.Right} id={exit} className="flow-node-handle" isConnectable={false} />
            </div>
          ))}
        </div>
      ) : null}
      {windowNote ? (
        <div className={`flow-node-window is-${windowNote.severity}`} data-testid="window-note" title={windowNote.text}>
          🕐 {windowNote.text}
        </div>
      ) : null}
      <NodeProblems problems={problems} />
    </div>
  );
}

export const FlowNodeCard = memo(FlowNodeCardView);
