import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { FlowSummary } from '../../api/flows-api';
import { relativeTime } from '../../format/relative-time';
import { useFlowList } from '../../hooks/use-flow-list';
import { navigate } from '../../hooks/use-hash-route';
import { toasts } from '../../notifications/toasts';
import { AppTabs } from '../AppTabs';
import { WorkspaceSwitcher } from '../WorkspaceSwitcher';
import { FlowRow } from './flow-row';
import './style.css';

interface FlowListProps {
  onSignOut: () => void;
}

/** Every flow of the workspace: create, import, open, rename, duplicate, export, delete. */
export function FlowList({ onSignOut }: FlowListProps) {
  const flows = useFlowList();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const newName = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (creating) newName.current?.focus();
  }, [creating]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    try {
      const id = await flows.create(name.trim());
      navigate({ page: 'editor', flowId: id });
    } catch (error) {
      toasts.show('error', `Could not create the flow: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <div className="page">
      <header className="page-header">
        <div className="brand">
          <span className="brand-logo">💬</span> Chatflow
        </div>
        <AppTabs />
        <WorkspaceSwitcher />
        <button type="button" className="button button-ghost" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main className="flow-list">
        <div className="flow-list-head">
          <div>
            <h1>Flows</h1>
            <p className="muted">Each flow is a chatbot conversation. Open one to edit it on the canvas and test it in the chat.</p>
          </div>
          <div className="flow-list-actions">
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              hidden
              data-testid="import-file"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void flows.importFile(file);
                event.target.value = '';
              }}
            />
            <button
              type="button"
              className="button"
              onClick={() => fileInput.current?.click()}
              title="Create a flow from an exported JSON file"
            >
              ⤒ Import JSON
            </button>
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              + New flow
            </button>
          </div>
        </div>
        {creating ? (
          <form className="new-flow" onSubmit={create}>
            <label htmlFor="new-flow-name">Name of the new flow</label>
            <input
              id="new-flow-name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder="e.g. Customer support"
              ref={newName}
            />
            <button type="submit" className="button button-primary" disabled={!name.trim()}>
              Create
            </button>
            <button type="button" className="button button-ghost" onClick={() => setCreating(false)}>
              Cancel
            </button>
          </form>
        ) : null}
        {flows.error ? <p className="error-box">Could not load the flows: {flows.error}</p> : null}
        {flows.list === undefined && !flows.error ? <p className="muted">Loading…</p> : null}
        {flows.list?.length === 0 ? (
          <div className="empty-state">
            <p>No flows yet.</p>
            <p className="muted">Create one with “New flow”, or import a JSON file exported from another Chatflow.</p>
          </div>
        ) : null}
        {flows.list && flows.list.length > 0 ? (
          <table className="flow-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Last edited</th>
                <th>Published</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {flows.list.map((flow: FlowSummary) => (
                <FlowRow key={flow.id} flow={flow} updated={relativeTime(flow.updatedAt)} actions={flows} />
              ))}
            </tbody>
          </table>
        ) : null}
      </main>
    </div>
  );
}
