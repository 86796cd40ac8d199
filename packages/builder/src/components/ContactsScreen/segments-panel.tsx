import { useCallback, useEffect, useState } from 'react';
import type { Segment } from '../../api/contacts-api';
import { draftOf, EMPTY_SEGMENT, rulesOf, type SegmentDraft } from '../../business/segment-draft';
import { useBusinessApi } from '../../hooks/use-business-api';
import { toasts } from '../../notifications/toasts';
import { SegmentEditor } from './segment-editor';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The saved segments, and an editor for a new or chosen one. */
export function SegmentsPanel({ imports }: { imports: number }) {
  const { contacts } = useBusinessApi();
  const [segments, setSegments] = useState<Segment[]>();
  const [chosen, setChosen] = useState<string>();
  const [draft, setDraft] = useState<SegmentDraft>(EMPTY_SEGMENT);
  const load = useCallback(() => contacts.segments().then(setSegments), [contacts]);
  useEffect(() => {
    load().catch((error: unknown) => toasts.show('error', `Could not load the segments: ${message(error)}`));
  }, [load]);

  const pick = (segment: Segment | undefined) => {
    setChosen(segment?.id);
    setDraft(segment ? draftOf(segment) : EMPTY_SEGMENT);
  };
  const save = async () => {
    const read = rulesOf(draft);
    if ('error' in read) return toasts.show('error', read.error);
    try {
      const input = { name: draft.name.trim(), rules: read.rules };
      const saved = chosen ? await contacts.updateSegment(chosen, input) : await contacts.createSegment(input);
      toasts.show('success', `Saved segment “${saved.name}”`);
      setChosen(saved.id);
      await load();
    } catch (error) {
      toasts.show('error', `Could not save the segment: ${message(error)}`);
    }
  };
  const remove = async () => {
    if (!chosen) return;
    try {
      await contacts.deleteSegment(chosen);
      toasts.show('success', `Deleted segment “${draft.name}”`);
      pick(undefined);
      await load();
    } catch (error) {
      toasts.show('error', `Could not delete the segment: ${message(error)}`);
    }
  };

  return (
    <section className="contacts-panel" aria-label="Segments">
      <div className="contacts-panel-head">
        <h2>Segments</h2>
        <button type="button" className="button button-ghost" onClick={() => pick(undefined)}>
          + New segment
        </button>
      </div>
      <div className="segments">
        <ul className="segment-list" aria-label="Saved segments">
          {segments?.length === 0 ? <li className="muted">No segments yet.</li> : null}
          {segments?.map((segment) => (
            <li key={segment.id}>
              <button
                type="button"
                className={`segment-item${segment.id === chosen ? ' is-active' : ''}`}
                aria-current={segment.id === chosen ? 'true' : undefined}
                onClick={() => pick(segment)}
              >
                {segment.name}
              </button>
            </li>
          ))}
        </ul>
        {/* A new key after an import counts the audience again over the new contacts. */}
        <SegmentEditor
          key={imports}
          draft={draft}
          onChange={setDraft}
          onSave={() => void save()}
          onDelete={chosen ? () => void remove() : undefined}
        />
      </div>
    </section>
  );
}
