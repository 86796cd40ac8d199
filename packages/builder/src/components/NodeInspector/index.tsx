import { defaultRegistry, type Problem } from '@chatflow/engine';
import { useCallback, useMemo } from 'react';
import type { EditorNode, NodeData } from '../../editor/editor-node';
import { fieldErrors } from '../../editor/field-errors';
import { customForms } from '../../forms/custom-forms';
import { useEditor } from '../../hooks/use-editor';
import { useNodeStatus } from '../../hooks/use-node-status';
import { configSchemaOf } from '../../schema-form/json-schema';
import { categoryColor } from '../FlowNodeCard/category-color';
import { SchemaForm } from '../SchemaForm';
import './style.css';

interface NodeInspectorProps {
  node: EditorNode;
  isStart: boolean;
  problems: readonly Problem[];
  onDuplicate: () => void;
}

/** The selected node: what it is, its problems, and its config form (generated from its schema). */
export function NodeInspector({ node, isStart, problems, onDuplicate }: NodeInspectorProps) {
  const { editor } = useEditor();
  const definition = node.type ? defaultRegistry.get(node.type) : undefined;
  const errors = useMemo(() => fieldErrors(problems), [problems]);
  const onChange = useCallback((data: NodeData, field: string) => editor.updateNodeData(node.id, data, field), [editor, node.id]);
  const { windowNote } = useNodeStatus(node.id);

  if (!definition) {
    return (
      <div className="inspector">
        <p className="error-box">
          Node “{node.id}” has the type “{node.type}”, which this builder does not know. Delete it, or add the node type to the engine’s
          registry.
        </p>
      </div>
    );
  }
  const CustomForm = customForms[definition.type];
  return (
    <div className="inspector" data-testid="node-inspector">
      <div className="inspector-head">
        <span className="inspector-icon" style={{ background: `color-mix(in srgb, ${categoryColor(definition.category)} 14%, white)` }}>
          {definition.icon}
        </span>
        <div className="inspector-title">
          <h2>{definition.title}</h2>
          <p>{definition.description}</p>
        </div>
      </div>
      <div className="inspector-meta">
        <span className="inspector-id" title="The node's id in the flow document">
          id <code>{node.id}</code>
        </span>
        {isStart ? (
          <span className="badge badge-green" title="Conversations begin at this node">
            Start node
          </span>
        ) : (
          <button
            type="button"
            className="button button-small button-ghost"
            disabled={editor.readOnly}
            onClick={() => editor.setStart(node.id)}
          >
            ▶ Make start node
          </button>
        )}
        {editor.readOnly ? null : (
          <span className="inspector-actions">
            <button type="button" className="button button-small button-ghost" onClick={onDuplicate}>
              Duplicate
            </button>
            <button type="button" className="button button-small button-ghost button-danger-text" onClick={() => editor.deleteSelection()}>
              Delete
            </button>
          </span>
        )}
      </div>
      {problems.length > 0 ? (
        <ul className="inspector-problems">
          {problems.map((problem) => (
            <li key={`${problem.field}:${problem.message}`} className={`is-${problem.severity}`}>
              {problem.severity === 'error' ? '⛔' : '⚠️'} {problem.field}: {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
      {windowNote ? (
        <p className={`inspector-window is-${windowNote.severity}`} data-testid="inspector-window-note">
          <strong>Outside the 24-hour window.</strong> {windowNote.text}
        </p>
      ) : null}
      {CustomForm ? (
        <CustomForm nodeId={node.id} value={node.data} onChange={onChange} errors={errors} readOnly={editor.readOnly} />
      ) : (
        <SchemaForm
          key={node.id}
          schema={configSchemaOf(definition)}
          value={node.data}
          onChange={onChange}
          onBlur={() => editor.endEdit()}
          errors={errors}
          readOnly={editor.readOnly}
          idPrefix={`node-${node.id}`}
        />
      )}
    </div>
  );
}
