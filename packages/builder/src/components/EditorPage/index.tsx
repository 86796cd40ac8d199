import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { EditorContext } from '../../hooks/use-editor';
import { type Route, routeHref } from '../../hooks/use-hash-route';
import { useLoadedFlow } from '../../hooks/use-loaded-flow';
import { EditorWorkspace } from './editor-workspace';
import './style.css';

/** A flow's draft (or one published version, read-only) on the canvas. */
export function EditorPage({ route }: { route: Exclude<Route, { page: 'flows' }> }) {
  const { flow, error } = useLoadedFlow(route);
  const context = useMemo(() => (flow ? { editor: flow.editor, status: flow.status } : undefined), [flow]);
  if (error) {
    return (
      <div className="editor-message">
        <p className="error-box">
          Could not open the flow “{route.flowId}”: {error}
        </p>
        <a className="button" href={routeHref({ page: 'flows' })}>
          ← Back to the flows
        </a>
      </div>
    );
  }
  if (!flow || !context) return <div className="editor-message muted">Opening the flow…</div>;
  return (
    <ReactFlowProvider>
      <EditorContext.Provider value={context}>
        <EditorWorkspace version={flow.version} restore={route.page === 'editor' ? route.restore : undefined} />
      </EditorContext.Provider>
    </ReactFlowProvider>
  );
}
