import { useCallback } from 'react';
import { toasts } from '../notifications/toasts';
import { useApi } from './use-api';
import { useEditor } from './use-editor';

/** Makes a published version the draft again, as one edit the admin can undo. */
export function useRestoreVersion(): (version: number) => Promise<void> {
  const { flows } = useApi();
  const { editor } = useEditor();
  return useCallback(
    async (version: number) => {
      const flowId = editor.getState().meta.id;
      try {
        const { document } = await flows.version(flowId, version);
        editor.replaceDocument({ ...document, id: flowId });
        toasts.show('success', `Version ${version} is the draft again. Undo (Ctrl+Z) to go back.`);
      } catch (error) {
        toasts.show('error', `Could not restore version ${version}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [flows, editor],
  );
}
