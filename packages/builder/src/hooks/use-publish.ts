import type { Problem } from '@chatflow/engine';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/api-error';
import type { Autosave } from '../editor/autosave';
import type { FlowEditor } from '../editor/flow-editor';
import { toasts } from '../notifications/toasts';
import { useApi } from './use-api';

/**
 * Publishing the draft as a new immutable version: refused while the flow has errors (warnings
 * are fine), and only once every edit is saved, so the version is exactly what is on screen.
 */
export function usePublish(
  editor: FlowEditor,
  autosave: Autosave,
  problems: readonly Problem[],
  callbacks: { onPublished: () => void; onShowProblems: () => void },
): { publish: () => Promise<void>; publishing: boolean } {
  const { flows } = useApi();
  const [publishing, setPublishing] = useState(false);
  const { onPublished, onShowProblems } = callbacks;
  const publish = useCallback(async () => {
    const errors = problems.filter((problem) => problem.severity === 'error').length;
    if (errors > 0) {
      toasts.show('error', `Fix the ${errors} error${errors === 1 ? '' : 's'} before publishing. Warnings are allowed.`);
      onShowProblems();
      return;
    }
    setPublishing(true);
    try {
      if (!(await autosave.flush())) throw new Error('the draft could not be saved first; see the save status');
      const published = await flows.publish(editor.getState().meta.id);
      toasts.show('success', `Published version ${published.version}. New conversations use it now.`);
      onPublished();
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) {
        toasts.show('error', `The server refused to publish: ${error.problems.length} problem(s). See Problems.`);
        onShowProblems();
      } else toasts.show('error', `Publishing failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setPublishing(false);
    }
  }, [editor, autosave, flows, problems, onPublished, onShowProblems]);
  return { publish, publishing };
}
