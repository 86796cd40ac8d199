import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { BroadcastInput } from '../../api/broadcasts-api';
import { flowsApi } from '../../api/flows-api';
import type { Template } from '../../api/templates-api';
import { useApi } from '../../hooks/use-api';
import { useAutoFocus } from '../../hooks/use-auto-focus';
import { useBusinessApi } from '../../hooks/use-business-api';
import { useTemplates } from '../../hooks/use-templates';

interface NewBroadcastFormProps {
  onSubmit: (input: BroadcastInput) => Promise<void>;
  onCancel: () => void;
}

/** The distinct `{{1}}` / `{{first_name}}` placeholders of a template's header and body, in order, as `BODY:1`. */
function placeholders(template: Template | undefined): string[] {
  const found = new Set<string>();
  for (const component of template?.components ?? []) {
    if ((component.type === 'HEADER' || component.type === 'BODY') && component.text) {
      for (const match of component.text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) found.add(`${component.type}:${match[1]}`);
    }
  }
  return [...found];
}

/** The values as the server takes them: a list for `{{1}}`…, an object by name for named placeholders. */
function byPlaceholder(wanted: string[], values: string[]): string[] | Record<string, string> {
  const names = wanted.map((key) => key.split(':')[1] ?? key);
  if (names.every((name) => /^\d+$/.test(name))) return values;
  return Object.fromEntries(names.map((name, i) => [name, values[i] ?? '']));
}

const tagsOf = (text: string) =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

/** Creates a broadcast: an approved template with its parameters, the audience by tags (its size shown first), rate and start. */
export function NewBroadcastForm({ onSubmit, onCancel }: NewBroadcastFormProps) {
  const { broadcasts } = useBusinessApi();
  const { client } = useApi();
  const templates = useTemplates();
  const approved = useMemo(() => (templates.list ?? []).filter((t) => t.status === 'APPROVED'), [templates.list]);
  const [name, setName] = useState('');
  const [templateKey, setTemplateKey] = useState('');
  const [params, setParams] = useState<string[]>([]);
  const [tags, setTags] = useState('');
  const [size, setSize] = useState<{ contacts: number; reachable: number }>();
  const [rate, setRate] = useState('80');
  const [startAt, setStartAt] = useState('');
  const [flowId, setFlowId] = useState('');
  const [flows, setFlows] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const first = useAutoFocus<HTMLInputElement>();
  const template = approved.find((t) => `${t.name}/${t.language}` === templateKey);
  const body = template?.components.find((c) => c.type === 'BODY')?.text ?? '';
  const wanted = useMemo(() => placeholders(template), [template]);

  useEffect(() => {
    flowsApi(client)
      .list()
      .then((found) => setFlows(found.filter((flow) => flow.publishedVersion !== undefined)))
      .catch(() => setFlows([]));
  }, [client]);
  useEffect(() => {
    setParams(wanted.map((_, i) => (i === 0 ? '{{contact.name}}' : '')));
  }, [wanted]);
  // The audience's size before sending, asked again a moment after the tags change.
  useEffect(() => {
    const list = tagsOf(tags);
    if (list.length === 0) return setSize(undefined);
    const timer = setTimeout(() => {
      broadcasts.audienceSize(list).then(setSize, () => setSize(undefined));
    }, 300);
    return () => clearTimeout(timer);
  }, [tags, broadcasts]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('Give the broadcast a name.');
    if (!template) return setError('Choose an approved template.');
    if (params.some((param) => !param.trim())) return setError('Fill in every parameter of the template.');
    if (tagsOf(tags).length === 0) return setError('Enter at least one tag.');
    const perSecond = Number(rate);
    if (!Number.isInteger(perSecond) || perSecond < 1 || perSecond > 1000) return setError('The rate is 1 to 1,000 messages a second.');
    setSaving(true);
    setError(undefined);
    try {
      await onSubmit({
        name: name.trim(),
        template: { name: template.name, language: template.language, params: byPlaceholder(wanted, params) },
        audience: { tags: tagsOf(tags) },
        ratePerSecond: perSecond,
        ...(startAt ? { startAt: new Date(startAt).toISOString() } : {}),
        ...(flowId ? { flowId } : {}),
      });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="new-broadcast" aria-label="New broadcast" onSubmit={(event) => void submit(event)}>
      <div className="new-broadcast-grid">
        <label>
          Name
          <input ref={first} className="input" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Template
          <select className="input" value={templateKey} onChange={(e) => setTemplateKey(e.target.value)}>
            <option value="">{approved.length ? 'Choose a template…' : 'No approved template: sync them first'}</option>
            {approved.map((t) => (
              <option key={`${t.wabaId}/${t.name}/${t.language}`} value={`${t.name}/${t.language}`}>
                {t.name} ({t.language})
              </option>
            ))}
          </select>
        </label>
        <label>
          Audience tags (comma-separated)
          <input className="input" value={tags} onChange={(e) => setTags(e.target.value)} />
        </label>
        <label>
          Messages per second
          <input className="input" type="number" min={1} max={1000} value={rate} onChange={(e) => setRate(e.target.value)} />
        </label>
        <label>
          Start (empty: now)
          <input className="input" type="datetime-local" value={startAt} onChange={(e) => setStartAt(e.target.value)} />
        </label>
        <label>
          Flow a reply starts
          <select className="input" value={flowId} onChange={(e) => setFlowId(e.target.value)}>
            <option value="">None (the number's flow)</option>
            {flows.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {template ? <p className="template-body broadcast-preview">{body}</p> : null}
      {wanted.map((placeholder, i) => (
        <label key={placeholder} className="broadcast-param">
          {`Parameter {{${placeholder.split(':')[1]}}}`}
          <input
            className="input"
            value={params[i] ?? ''}
            onChange={(e) => setParams((current) => current.map((old, j) => (j === i ? e.target.value : old)))}
          />
        </label>
      ))}
      <p className="muted" data-testid="audience-size">
        {size
          ? `${size.contacts} contact${size.contacts === 1 ? '' : 's'} with these tags; ${size.reachable} can receive it now (opted in, not blocked).`
          : 'Enter tags to see the audience.'}
      </p>
      {error ? (
        <p className="error-box" role="alert">
          {error}
        </p>
      ) : null}
      <div className="new-broadcast-actions">
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Scheduling…' : 'Schedule broadcast'}
        </button>
      </div>
    </form>
  );
}
