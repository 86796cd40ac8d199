import { useState } from 'react';
import { relativeTime } from '../../format/relative-time';
import { routeHref } from '../../hooks/use-hash-route';
import { useVersions } from '../../hooks/use-versions';
import './style.css';

interface VersionsPanelProps {
  flowId: string;
  reloadKey: number;
  /** Restores a version as the draft (an undoable edit), or undefined in a read-only view. */
  onRestore?: ((version: number) => Promise<void>) | undefined;
}

/** Published versions: who published what and when; open one read-only or restore it as the draft. */
export function VersionsPanel({ flowId, reloadKey, onRestore }: VersionsPanelProps) {
  const { versions, error } = useVersions(flowId, reloadKey);
  const [restoring, setRestoring] = useState<number>();
  return (
    <div className="versions-panel" data-testid="versions-panel">
      <p className="muted">
        Publishing freezes the draft as a new version. New conversations run the latest version; a conversation stays on the version it
        started on.
      </p>
      {error ? <p className="error-box">Could not load the versions: {error}</p> : null}
      {versions?.length === 0 ? <p className="muted">Not published yet.</p> : null}
      <ol className="versions-list">
        {versions?.map((version, index) => (
          <li key={version.version} className="version" data-version={version.version}>
            <div className="version-head">
              <strong>Version {version.version}</strong>
              {index === 0 ? <span className="badge badge-green">live</span> : null}
            </div>
            <p className="muted" title={new Date(version.publishedAt).toLocaleString()}>
              by {version.publishedBy} · {relativeTime(version.publishedAt)}
            </p>
            <div className="version-actions">
              <a className="button button-small" href={routeHref({ page: 'version', flowId, version: version.version })}>
                Open
              </a>
              {onRestore ? (
                <button
                  type="button"
                  className="button button-small button-ghost"
                  disabled={restoring !== undefined}
                  title="Replace the draft with this version (you can undo it)"
                  onClick={() => {
                    setRestoring(version.version);
                    void onRestore(version.version).finally(() => setRestoring(undefined));
                  }}
                >
                  {restoring === version.version ? 'Restoring…' : 'Restore as draft'}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
