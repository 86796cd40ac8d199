import type { DepartmentCount, QueueItem } from '../../api/inbox-api';
import { relativeTime } from '../../format/relative-time';
import type { LiveState } from '../../hooks/use-inbox-events';
import { contactLabel } from './contact-label';

interface QueueListProps {
  items: QueueItem[] | undefined;
  departments: DepartmentCount[];
  /** Only this department's queue; all when undefined. */
  department: string | undefined;
  onDepartment: (department: string | undefined) => void;
  selectedId: string | undefined;
  agentId: string;
  live: LiveState;
  error: string | undefined;
  onOpen: (id: string) => void;
}

const iso = (at: string | number) => new Date(at).toISOString();

/** Departments with their counts, then the conversations waiting for an agent and those being worked. */
export function QueueList({ items, departments, department, onDepartment, selectedId, agentId, live, error, onOpen }: QueueListProps) {
  const shown = (items ?? []).filter((item) => department === undefined || (item.department ?? '') === department);
  const waiting = shown.filter((item) => item.state === 'waiting');
  const mine = shown.filter((item) => item.state === 'assigned' && item.assignedTo?.id === agentId);
  const others = shown.filter((item) => item.state === 'assigned' && item.assignedTo?.id !== agentId);
  const total = departments.reduce((sum, d) => sum + d.waiting, 0);

  const section = (title: string, list: QueueItem[], empty: string, testId: string) => (
    <section className="queue-section" data-testid={testId}>
      <h3>
        {title} <span className="queue-count">{list.length}</span>
      </h3>
      {list.length === 0 ? <p className="queue-none">{empty}</p> : null}
      {list.map((item) => (
        <button
          key={item.id}
          type="button"
          className={`queue-item${item.id === selectedId ? ' is-selected' : ''}`}
          data-testid="queue-item"
          onClick={() => onOpen(item.id)}
        >
          <span className="queue-avatar" aria-hidden="true">
            {contactLabel(item).slice(0, 1).toUpperCase()}
          </span>
          <span className="queue-body">
            <span className="queue-line">
              <strong>{contactLabel(item)}</strong>
              <span className="queue-time">{relativeTime(iso(item.lastActivityAt))}</span>
            </span>
            <span className="queue-line">
              {item.department ? <span className="badge badge-green">{item.department}</span> : null}
              {item.assignedTo && item.assignedTo.id !== agentId ? (
                <span className="queue-agent">{item.assignedTo.name ?? item.assignedTo.id}</span>
              ) : null}
            </span>
            {item.note ? <span className="queue-note">{item.note}</span> : null}
          </span>
        </button>
      ))}
    </section>
  );

  return (
    <aside className="queue" aria-label="Queues">
      <div className="queue-head">
        <h2>Inbox</h2>
        <span className={`live-dot is-${live}`} title={live === 'live' ? 'Updates arrive live' : 'Reconnecting to live updates…'}>
          {live === 'live' ? 'Live' : 'Reconnecting…'}
        </span>
      </div>
      <div className="queue-departments">
        <button
          type="button"
          aria-pressed={department === undefined}
          className={`queue-department${department === undefined ? ' is-active' : ''}`}
          onClick={() => onDepartment(undefined)}
        >
          <span>All departments</span>
          <span className="queue-count">{total}</span>
        </button>
        {departments.map((d) => (
          <button
            key={d.department}
            type="button"
            aria-pressed={department === d.department}
            className={`queue-department${department === d.department ? ' is-active' : ''}`}
            onClick={() => onDepartment(d.department)}
          >
            <span>{d.department || 'No department'}</span>
            <span className="queue-count" title={`${d.waiting} waiting, ${d.assigned} with an agent`}>
              {d.waiting}
            </span>
          </button>
        ))}
      </div>
      {error ? <p className="error-box queue-error">Could not load the queue: {error}</p> : null}
      {items === undefined && !error ? <p className="muted queue-none">Loading…</p> : null}
      {items ? (
        <div className="queue-lists">
          {section('Waiting', waiting, 'Nobody is waiting.', 'queue-waiting')}
          {section('Mine', mine, 'You have no conversation.', 'queue-mine')}
          {others.length ? section('With colleagues', others, '', 'queue-others') : null}
        </div>
      ) : null}
    </aside>
  );
}
