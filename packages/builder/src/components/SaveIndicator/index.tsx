import type { SaveStatus } from '../../editor/autosave';
import './style.css';

/** Whether the draft is on the server: saved, saving, or failed (with a way to try now). */
export function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  switch (status.state) {
    case 'saved':
      return (
        <span className="save-status is-saved" data-testid="save-status" data-state="saved">
          ✓ Saved
        </span>
      );
    case 'pending':
    case 'saving':
      return (
        <span className="save-status is-saving" data-testid="save-status" data-state={status.state}>
          <span className="spinner" /> Saving…
        </span>
      );
    case 'failed':
      return (
        <span className="save-status is-failed" data-testid="save-status" data-state="failed" title={status.message}>
          ⚠ Not saved{status.retryAt ? ', retrying' : ''}: {status.message}
          <button type="button" className="button button-small" onClick={onRetry}>
            Retry now
          </button>
        </span>
      );
  }
}
