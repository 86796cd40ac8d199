import { defaultRegistry, type Problem, type SyncedTemplate, templateUseProblems, validateFlow } from '@chatflow/engine';
import { useEffect, useState } from 'react';
import type { CanvasStatus } from '../editor/canvas-status';
import type { FlowEditor } from '../editor/flow-editor';
import { missingAiKeyProblems } from '../editor/missing-ai-key';
import { windowNotes } from '../editor/outside-window-notes';

const DEBOUNCE_MS = 250;

/**
 * The engine's validation of the flow, run in the browser a moment after each edit (the same
 * problems `pnpm flow validate` prints), and handed to the canvas so each node shows its own. With
 * `aiConfigured` false (the server has no Claude key), AI nodes get a warning too; template
 * messages are checked against the synced `templates` as publishing checks them. The canvas also
 * gets the notes of nodes that may run outside the 24-hour window.
 */
export function useValidation(
  editor: FlowEditor,
  status: CanvasStatus,
  aiConfigured?: boolean,
  templates: readonly SyncedTemplate[] = [],
): readonly Problem[] {
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let revision = editor.getState().revision;
    const run = () => {
      const document = editor.document();
      const found = [
        ...validateFlow(document, defaultRegistry).problems,
        ...(aiConfigured === false ? missingAiKeyProblems(document) : []),
        ...templateUseProblems(document, templates),
      ];
      setProblems(found);
      status.setProblems(found);
      status.setWindowNotes(windowNotes(document));
    };
    // The first check waits for the first paint: the canvas shows before the problems do.
    timer = setTimeout(run, 0);
    const unsubscribe = editor.subscribe(() => {
      const state = editor.getState();
      status.setStart(state.meta.start);
      if (state.revision === revision) return;
      revision = state.revision;
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    status.setStart(editor.getState().meta.start);
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [editor, status, aiConfigured, templates]);
  return problems;
}
