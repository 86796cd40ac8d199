import type { VersionInfo } from '../../api/flows-api';
import { relativeTime } from '../../format/relative-time';
import { routeHref } from '../../hooks/use-hash-route';
import { TopBar } from '../TopBar';

interface VersionBarProps {
  flowId: string;
  version: VersionInfo;
  name: string;
  onRestore: () => void;
  onTest: () => void;
  onFind: () => void;
  onHelp: () => void;
}

/** The top bar over a published version: read-only, with the way back to the draft and restore. */
export function VersionBar({ flowId, version, name, onRestore, onTest, onFind, onHelp }: VersionBarProps) {
  return (
    <>
      <TopBar
        title={
          <span className="version-title">
            <strong>{name}</strong>
            <span className="badge">Version {version.version}</span>
            <span className="badge badge-blue">read-only</span>
          </span>
        }
        tools={
          <button type="button" className="tool-button" onClick={onFind} title="Find a node by its text (Ctrl+F)">
            🔍 Find
          </button>
        }
        actions={
          <>
            <button type="button" className="button button-ghost" onClick={onHelp} aria-label="Keyboard shortcuts">
              ?
            </button>
            <button type="button" className="button" onClick={onTest}>
              ▶ Test this version
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={onRestore}
              title="Replace the draft with this version (you can undo it)"
            >
              Restore as draft
            </button>
          </>
        }
      />
      <div className="readonly-banner" data-testid="readonly-banner">
        You are looking at version {version.version}, published by {version.publishedBy} {relativeTime(version.publishedAt)}. It cannot be
        changed.
        <a href={routeHref({ page: 'editor', flowId })}>Back to the draft</a>
      </div>
    </>
  );
}
