import { type FormEvent, useState } from 'react';
import type { FlowSummary } from '../../api/flows-api';
import { useAutoFocus } from '../../hooks/use-auto-focus';
import { routeHref } from '../../hooks/use-hash-route';

interface FlowRowActions {
  rename: (flow: FlowSummary, name: string) => Promise<unknown>;
  duplicate: (flow: FlowSummary) => Promise<unknown>;
  exportFlow: (flow: FlowSummary) => Promise<unknown>;
  remove: (flow: FlowSummary) => Promise<unknown>;
  makeDefault: (flow: FlowSummary) => Promise<unknown>;
}

interface FlowRowProps {
  flow: FlowSummary;
  updated: string;
  actions: FlowRowActions;
}

/** One flow in the list, with its actions; renaming and deleting confirm in place. */
export function FlowRow({ flow, updated, actions }: FlowRowProps) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [name, setName] = useState(flow.name);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && name.trim() !== flow.name) await actions.rename(flow, name.trim());
    setMode('view');
  };

  return (
    <tr data-flow-id={flow.id}>
      <td>
        {mode === 'rename' ? (
          <form className="inline-form" onSubmit={rename}>
            <RenameInput value={name} onChange={setName} />
            <button type="submit" className="button button-small button-primary">
              Save
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => setMode('view')}>
              Cancel
            </button>
          </form>
        ) : (
          <a className="flow-name" href={routeHref({ page: 'editor', flowId: flow.id })}>
            {flow.name}
            {flow.isDefault ? (
              <span className="badge badge-green" title="New WhatsApp conversations start in this flow">
                default
              </span>
            ) : null}
          </a>
        )}
        <div className="flow-id">{flow.id}</div>
      </td>
      <td className="muted">{updated}</td>
      <td>{flow.publishedVersion ? <span className="badge">v{flow.publishedVersion}</span> : <span className="muted">draft only</span>}</td>
      <td className="row-actions">
        {mode === 'delete' ? (
          <span className="confirm">
            Delete “{flow.name}” for good?
            <button type="button" className="button button-small button-danger" onClick={() => void actions.remove(flow)}>
              Delete
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => setMode('view')}>
              Keep
            </button>
          </span>
        ) : (
          <>
            <a className="button button-small" href={routeHref({ page: 'editor', flowId: flow.id })}>
              Open
            </a>
            <button type="button" className="button button-small button-ghost" onClick={() => setMode('rename')}>
              Rename
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => void actions.duplicate(flow)}>
              Duplicate
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => void actions.exportFlow(flow)}>
              Export
            </button>
            {flow.isDefault ? null : (
              <button
                type="button"
                className="button button-small button-ghost"
                title="New WhatsApp conversations without a flow of their own start here"
                onClick={() => void actions.makeDefault(flow)}
              >
                Make default
              </button>
            )}
            <button type="button" className="button button-small button-ghost button-danger-text" onClick={() => setMode('delete')}>
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

function RenameInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const ref = useAutoFocus<HTMLInputElement>();
  return <input ref={ref} aria-label="New name" value={value} onChange={(event) => onChange(event.target.value)} />;
}
