import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { ApiError } from '../api/api-error';
import { Autosave, type SaveStatus } from '../editor/autosave';
import type { FlowEditor } from '../editor/flow-editor';
import { useApi } from './use-api';
import { useBeforeUnload } from './use-before-unload';

/**
 * Saves the draft to the server (PUT /api/flows/:id) a moment after each edit, retrying with
 * backoff when it fails; warns before the page closes with unsaved edits.
 */
export function useAutosave(editor: FlowEditor): { status: SaveStatus; autosave: Autosave } {
  const { flows } = useApi();
  const autosave = useMemo(
    () =>
      new Autosave(
        () => ({ revision: editor.getState().revision, document: editor.document() }),
        async (document) => {
          await flows.save(document.id, document);
        },
        (error) =>
          error instanceof ApiError
            ? { message: error.message, retryable: error.retryable }
            : { message: error instanceof Error ? error.message : String(error), retryable: true },
      ),
    [editor, flows],
  );
  useEffect(() => {
    if (editor.readOnly) return;
    const unsubscribe = editor.subscribe(() => autosave.changed());
    return () => {
      unsubscribe();
      // Leaving the editor saves what is left; a failed save keeps retrying until it lands.
      void autosave.flush();
    };
  }, [editor, autosave]);
  useBeforeUnload(useMemo(() => () => autosave.dirty, [autosave]));
  const status = useSyncExternalStore(autosave.subscribe, autosave.getStatus);
  return { status, autosave };
}
