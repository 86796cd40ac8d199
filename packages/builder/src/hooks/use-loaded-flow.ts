import { useEffect, useState } from 'react';
import type { VersionInfo } from '../api/flows-api';
import { CanvasStatus } from '../editor/canvas-status';
import { FlowEditor } from '../editor/flow-editor';
import { useApi } from './use-api';
import type { Route } from './use-hash-route';

/** An open flow: its draft (editable) or one published version (read-only). */
export interface LoadedFlow {
  editor: FlowEditor;
  status: CanvasStatus;
  /** Set when a published version is open. */
  version?: VersionInfo;
}

/** Loads the draft or the version a route names, into a new editor. */
export function useLoadedFlow(route: Exclude<Route, { page: 'flows' }>): { flow?: LoadedFlow; error?: string } {
  const { flows } = useApi();
  const [state, setState] = useState<{ flow?: LoadedFlow; error?: string }>({});
  const version = route.page === 'version' ? route.version : undefined;
  useEffect(() => {
    let live = true;
    const load = async (): Promise<LoadedFlow> => {
      if (version === undefined) {
        const record = await flows.get(route.flowId);
        return { editor: new FlowEditor(record.draft), status: new CanvasStatus() };
      }
      const { document, ...info } = await flows.version(route.flowId, version);
      return { editor: new FlowEditor(document, true), status: new CanvasStatus(), version: info };
    };
    load().then(
      (flow) => live && setState({ flow }),
      (error: unknown) => live && setState({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [flows, route.flowId, version]);
  return state;
}
