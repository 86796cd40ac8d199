import { useEffect, useState } from 'react';
import type { ContactView } from '../../api/contacts-api';
import { rulesOf, type SegmentDraft } from '../../business/segment-draft';
import { useBusinessApi } from '../../hooks/use-business-api';

interface SegmentEditorProps {
  draft: SegmentDraft;
  onChange: (draft: SegmentDraft) => void;
  onSave: () => void;
  /** Absent for a segment not saved yet. */
  onDelete: (() => void) | undefined;
}

/** How long typing pauses before the audience is counted again. */
const COUNT_AFTER_MS = 300;

/** A segment's name and rules, with how many contacts they select right now. */
export function SegmentEditor({ draft, onChange, onSave, onDelete }: SegmentEditorProps) {
  const { contacts } = useBusinessApi();
  const [audience, setAudience] = useState<{ count: number; contacts: ContactView[] } | { error: string }>();
  useEffect(() => {
    const read = rulesOf(draft);
    if ('error' in read) {
      setAudience(read);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      contacts.preview(read.rules).then(
        (found) => current && setAudience(found),
        (error: unknown) => current && setAudience({ error: error instanceof Error ? error.message : String(error) }),
      );
    }, COUNT_AFTER_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [draft, contacts]);

  const field = (key: keyof SegmentDraft, label: string, props: { placeholder?: string; type?: string } = {}) => (
    <label className="contacts-field">
      {label}
      <input
        type={props.type ?? 'text'}
        value={draft[key]}
        placeholder={props.placeholder}
        onChange={(e) => onChange({ ...draft, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <form
      className="segment-editor"
      aria-label="Segment"
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
    >
      {field('name', 'Segment name', { placeholder: 'German VIPs' })}
      <div className="segment-grid">
        {field('allTags', 'Has all tags', { placeholder: 'vip, de' })}
        {field('anyTags', 'Has any tag')}
        {field('noneTags', 'Has none of the tags')}
        {field('withinDays', 'Wrote within (days)', { type: 'number' })}
        {field('lastContactAfter', 'Last contact on or after', { type: 'date' })}
        {field('lastContactBefore', 'Last contact before', { type: 'date' })}
        <label className="contacts-field">
          Opted in
          <select value={draft.optedIn} onChange={(e) => onChange({ ...draft, optedIn: e.target.value as SegmentDraft['optedIn'] })}>
            <option value="any">Either</option>
            <option value="yes">Opted in</option>
            <option value="no">Not opted in</option>
          </select>
        </label>
      </div>
      <label className="contacts-field">
        <span>
          Attributes (one <code>attribute = value</code> a line; <code>a | b</code> for either)
        </span>
        <textarea
          rows={3}
          value={draft.attributes}
          placeholder="tier = gold | silver"
          onChange={(e) => onChange({ ...draft, attributes: e.target.value })}
        />
      </label>
      <div className="segment-audience" aria-live="polite">
        {audience === undefined ? <span className="muted">Counting…</span> : null}
        {audience && 'error' in audience ? <span className="segment-audience-error">{audience.error}</span> : null}
        {audience && 'count' in audience ? (
          <>
            <strong data-testid="audience-count">
              {audience.count} contact{audience.count === 1 ? '' : 's'}
            </strong>
            <span className="muted">
              {' '}
              {audience.contacts.map((c) => c.name ?? 'unnamed').join(', ')}
              {audience.count > audience.contacts.length ? ', …' : ''}
            </span>
          </>
        ) : null}
      </div>
      <div className="contacts-actions">
        {onDelete ? (
          <button type="button" className="button button-ghost" onClick={onDelete}>
            Delete segment
          </button>
        ) : null}
        <button type="submit" className="button button-primary" disabled={!draft.name.trim()}>
          Save segment
        </button>
      </div>
    </form>
  );
}
