import { defaultRegistry } from '@chatflow/engine';
import { useMemo } from 'react';
import { indexVariables } from '../../editor/variables-index';
import { useEditor } from '../../hooks/use-editor';
import { useEditorState } from '../../hooks/use-editor-state';
import { useFocusNode } from '../../hooks/use-focus-node';
import './style.css';

/** The flow's variables: declared, set by which nodes, used where (`{{templates}}` included). */
export function VariablesPanel({ onDeclare }: { onDeclare: () => void }) {
  const { editor } = useEditor();
  const { revision } = useEditorState(editor);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the document changes exactly when the revision does
  const variables = useMemo(() => indexVariables(editor.document(), defaultRegistry), [editor, revision]);
  const focus = useFocusNode();
  const chip = (nodeId: string, detail?: string) => (
    <button
      key={`${nodeId}${detail ?? ''}`}
      type="button"
      className="node-chip"
      onClick={() => focus(nodeId)}
      title={`Show node ${nodeId}`}
    >
      {nodeId}
      {detail ? <span className="node-chip-detail"> {detail}</span> : null}
    </button>
  );
  return (
    <div className="variables-panel" data-testid="variables-panel">
      <p className="muted">
        Variables hold what customers answer and what nodes compute. Use one in any text as <code>{'{{name}}'}</code>.
      </p>
      <button type="button" className="button button-small" onClick={onDeclare} disabled={editor.readOnly}>
        Declare a variable…
      </button>
      {variables.length === 0 ? <p className="muted">No variables yet. A menu or question node can save the answer in one.</p> : null}
      <ul className="variables-list">
        {variables.map((variable) => {
          const unset = !variable.builtIn && !variable.declared && variable.setBy.length === 0;
          return (
            <li key={variable.name} className="variable">
              <div className="variable-head">
                <code>{`{{${variable.name}}}`}</code>
                {variable.declared?.type ? <span className="badge">{variable.declared.type}</span> : null}
                {variable.builtIn ? <span className="badge">from WhatsApp</span> : null}
                {unset ? <span className="badge badge-amber">nothing sets it</span> : null}
              </div>
              {variable.declared?.description ? <p className="muted">{variable.declared.description}</p> : null}
              {variable.declared?.default !== undefined ? (
                <p className="variable-line">
                  Starts as <code>{JSON.stringify(variable.declared.default)}</code>
                </p>
              ) : null}
              <p className="variable-line">
                <span className="variable-label">Set by</span>
                {variable.setBy.length ? (
                  variable.setBy.map((id) => chip(id))
                ) : (
                  <span className="muted">{variable.builtIn ? 'the channel' : variable.declared ? 'its starting value' : 'no node'}</span>
                )}
              </p>
              <p className="variable-line">
                <span className="variable-label">Used in</span>
                {variable.usedBy.length ? (
                  variable.usedBy.map((use) => chip(use.nodeId, use.field))
                ) : (
                  <span className="muted">no node</span>
                )}
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
