import { defaultRegistry, type Problem } from '@chatflow/engine';
import { useCallback, useMemo } from 'react';
import { fieldErrors } from '../../editor/field-errors';
import { useEditor } from '../../hooks/use-editor';
import { useEditorState } from '../../hooks/use-editor-state';
import { SchemaForm } from '../SchemaForm';
import { flowSettingsSchema } from './flow-settings-schema';
import './style.css';

const EDITED = ['description', 'variables', 'settings'] as const;

/** With no node selected: the flow's own fields (name, start node, variables, settings). */
export function FlowSettings({ problems }: { problems: readonly Problem[] }) {
  const { editor } = useEditor();
  const { meta, nodes } = useEditorState(editor);
  const value = useMemo(() => Object.fromEntries(EDITED.filter((key) => meta[key] !== undefined).map((key) => [key, meta[key]])), [meta]);
  // Flow-level problems are reported on `variables[0].name`, `settings...`: the form's own paths.
  const errors = useMemo(
    () => fieldErrors(problems.filter((p) => !p.nodeId && !p.edgeId).map((p) => ({ ...p, field: `data.${p.field}` }))),
    [problems],
  );
  const onChange = useCallback(
    (next: Record<string, unknown>, field: string) => {
      const rest = Object.fromEntries(Object.entries(meta).filter(([key]) => !(EDITED as readonly string[]).includes(key)));
      editor.updateMeta({ ...rest, ...next } as typeof meta, field);
    },
    [editor, meta],
  );
  const readOnly = editor.readOnly;

  return (
    <div className="flow-settings" data-testid="flow-settings">
      <div>
        <h2>Flow settings</h2>
        <p className="muted">Select a node on the canvas to edit it. These settings belong to the whole flow.</p>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="flow-name">
          Name<span className="field-required">*</span>
        </label>
        <input
          id="flow-name"
          value={meta.name}
          disabled={readOnly}
          onChange={(event) => editor.updateMeta({ ...meta, name: event.target.value }, 'name')}
          onBlur={() => editor.endEdit()}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="flow-start">
          Start node
        </label>
        <p className="field-description">Where every conversation begins.</p>
        <select id="flow-start" value={meta.start} disabled={readOnly} onChange={(event) => editor.setStart(event.target.value)}>
          {nodes.some((node) => node.id === meta.start) ? null : <option value={meta.start}>— choose a node —</option>}
          {nodes.map((node) => (
            <option key={node.id} value={node.id}>
              {node.id} ({(node.type && defaultRegistry.get(node.type)?.title) ?? node.type})
            </option>
          ))}
        </select>
        {(errors.get('start') ?? []).map((error) => (
          <p key={error} className="field-error">
            {error}
          </p>
        ))}
      </div>
      {readOnly ? null : <QuickTips />}
      <SchemaForm
        schema={flowSettingsSchema}
        value={value}
        onChange={onChange}
        onBlur={() => editor.endEdit()}
        errors={errors}
        readOnly={readOnly}
        idPrefix="flow"
      />
    </div>
  );
}

/** The few gestures everything else follows from, for an admin who has never read the docs. */
function QuickTips() {
  return (
    <div className="quick-tips">
      <strong>How to build</strong>
      <ul>
        <li>Drag a node from the palette onto the canvas, or click it to add it after the selected node.</li>
        <li>Drag from an exit's ● on the right of a node to another node to connect them.</li>
        <li>Select a node to edit what it says; problems show in red on the node.</li>
        <li>Press ▶ Test to chat with your flow, and Publish when it is ready.</li>
        <li>
          <kbd>Delete</kbd> removes, <kbd>Ctrl</kbd>+<kbd>Z</kbd> undoes, <kbd>?</kbd> lists every shortcut.
        </li>
      </ul>
    </div>
  );
}
