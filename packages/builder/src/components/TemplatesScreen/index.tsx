import { useState } from 'react';
import type { Template } from '../../api/templates-api';
import { useTemplates } from '../../hooks/use-templates';
import { toasts } from '../../notifications/toasts';
import { NewTemplateForm } from './new-template-form';
import './style.css';

const statusBadge = (status: string) => (status === 'APPROVED' ? 'badge-green' : status === 'PENDING' ? 'badge-blue' : 'badge-amber');

/** WhatsApp message templates: synced from Meta with their status, and new ones submitted for approval. */
export function TemplatesScreen() {
  const templates = useTemplates();
  const [adding, setAdding] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const sync = async () => {
    setSyncing(true);
    try {
      toasts.show('success', `Synced ${await templates.sync()} templates`);
    } catch (error) {
      toasts.show('error', error instanceof Error ? error.message : String(error));
    } finally {
      setSyncing(false);
    }
  };
  return (
    <main className="business-main templates">
      <div className="business-head">
        <div>
          <h1>Templates</h1>
          <p className="muted">
            Only approved templates can open a conversation or follow up after the customer's 24-hour window. Placeholders such as{' '}
            <code>{'{{1}}'}</code> or <code>{'{{first_name}}'}</code> are filled from the flow's variables.
          </p>
        </div>
        <div className="templates-actions">
          <button type="button" className="button button-ghost" onClick={() => void sync()} disabled={syncing}>
            {syncing ? 'Syncing…' : 'Sync from WhatsApp'}
          </button>
          <button type="button" className="button button-primary" onClick={() => setAdding(true)} disabled={adding}>
            + New template
          </button>
        </div>
      </div>
      {adding ? (
        <NewTemplateForm
          onCancel={() => setAdding(false)}
          onSubmit={async (input) => {
            await templates.submit(input);
            toasts.show('success', `Submitted ${input.name} for approval`);
            setAdding(false);
          }}
        />
      ) : null}
      {templates.error ? <p className="error-box">Could not load the templates: {templates.error}</p> : null}
      {templates.list === undefined && !templates.error ? <p className="muted">Loading…</p> : null}
      {templates.list?.length === 0 ? (
        <div className="business-empty">
          <p>No templates yet.</p>
          <p className="muted">Sync them from your WhatsApp Business Account, or submit a new one.</p>
        </div>
      ) : null}
      {templates.list && templates.list.length > 0 ? (
        <table className="data-table templates-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Language</th>
              <th>Category</th>
              <th>Body</th>
              <th>Buttons</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {templates.list.map((template) => (
              <TemplateRow key={`${template.wabaId}/${template.name}/${template.language}`} template={template} />
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}

function TemplateRow({ template }: { template: Template }) {
  const body = template.components.find((c) => c.type === 'BODY')?.text ?? '';
  const buttons = template.components.find((c) => c.type === 'BUTTONS')?.buttons ?? [];
  return (
    <tr data-testid="template-row">
      <td>
        <code>{template.name}</code>
      </td>
      <td>{template.language}</td>
      <td>{template.category.toLowerCase()}</td>
      <td className="template-body">{body}</td>
      <td>
        {buttons.map((button) => (
          <span key={button.text} className="template-button">
            {button.text}
          </span>
        ))}
      </td>
      <td>
        <span className={`badge ${statusBadge(template.status)}`}>{template.status.toLowerCase()}</span>
      </td>
    </tr>
  );
}
