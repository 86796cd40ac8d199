import { useCallback, useEffect, useState } from 'react';
import { downloadFile } from '../api/download-file';
import type { FlowSummary } from '../api/flows-api';
import { uniqueId } from '../editor/unique-id';
import { toasts } from '../notifications/toasts';
import { useApi } from './use-api';

function failed(action: string) {
  return (error: unknown) => toasts.show('error', `${action} failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** The flow list and what the list page does with flows, each reporting the outcome as a toast. */
export function useFlowList() {
  const { flows } = useApi();
  const [list, setList] = useState<FlowSummary[]>();
  const [error, setError] = useState<string>();

  const reload = useCallback(async () => {
    try {
      setList(await flows.list());
      setError(undefined);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }, [flows]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const create = useCallback((name: string) => flows.create(name).then((record) => record.id), [flows]);

  const duplicate = useCallback(
    async (summary: FlowSummary) => {
      const { draft } = await flows.get(summary.id);
      const taken = new Set((list ?? []).map((flow) => flow.id));
      const copy = await flows.createFrom({ ...draft, id: uniqueId(`${draft.id}-copy`, taken), name: `${draft.name} (copy)` });
      toasts.show('success', `Duplicated as "${copy.name}"`);
      await reload();
    },
    [flows, list, reload],
  );

  const rename = useCallback(
    async (summary: FlowSummary, name: string) => {
      const { draft } = await flows.get(summary.id);
      await flows.save(summary.id, { ...draft, name });
      await reload();
    },
    [flows, reload],
  );

  const remove = useCallback(
    async (summary: FlowSummary) => {
      await flows.remove(summary.id);
      toasts.show('success', `Deleted "${summary.name}"`);
      await reload();
    },
    [flows, reload],
  );

  const exportFlow = useCallback(
    async (summary: FlowSummary) => {
      const response = await flows.exportFile(summary.id);
      downloadFile(`${summary.id}.json`, await response.blob());
    },
    [flows],
  );

  const importFile = useCallback(
    async (file: File) => {
      let document: unknown;
      try {
        document = JSON.parse(await file.text());
      } catch (caught) {
        toasts.show('error', `${file.name} is not a JSON file: ${caught instanceof Error ? caught.message : String(caught)}`);
        return;
      }
      const record = await flows.importDocument(document);
      toasts.show('success', `Imported "${record.name}"`);
      await reload();
    },
    [flows, reload],
  );

  const makeDefault = useCallback(
    async (summary: FlowSummary) => {
      await flows.makeDefault(summary.id);
      toasts.show('success', `New WhatsApp conversations now start in "${summary.name}"`);
      await reload();
    },
    [flows, reload],
  );

  return {
    list,
    error,
    reload,
    create,
    duplicate: (flow: FlowSummary) => duplicate(flow).catch(failed('Duplicate')),
    rename: (flow: FlowSummary, name: string) => rename(flow, name).catch(failed('Rename')),
    remove: (flow: FlowSummary) => remove(flow).catch(failed('Delete')),
    exportFlow: (flow: FlowSummary) => exportFlow(flow).catch(failed('Export')),
    importFile: (file: File) => importFile(file).catch(failed('Import')),
    makeDefault: (flow: FlowSummary) => makeDefault(flow).catch(failed('Making it the default')),
  };
}
