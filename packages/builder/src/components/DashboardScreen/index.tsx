import { useEffect, useState } from 'react';
import { type AnalyticsSummary, analyticsSummary, seriesCsv } from '../../api/analytics-api';
import { downloadFile } from '../../api/download-file';
import type { FlowSummary } from '../../api/flows-api';
import { useApi } from '../../hooks/use-api';
import { SeriesChart } from './series-chart';
import './style.css';

const RANGES = [7, 30, 90] as const;

/** What the bot did: conversations, resolution, response time and messages, per flow and time range, with a daily chart and CSV. */
export function DashboardScreen() {
  const { client, flows } = useApi();
  const [days, setDays] = useState<number>(7);
  const [flowId, setFlowId] = useState('');
  const [flowList, setFlowList] = useState<FlowSummary[]>([]);
  const [summary, setSummary] = useState<AnalyticsSummary>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    flows.list().then(setFlowList, () => setFlowList([]));
  }, [flows]);
  useEffect(() => {
    let current = true;
    analyticsSummary(client, days, flowId || undefined).then(
      (answer) => {
        if (!current) return;
        setSummary(answer);
        setError(undefined);
      },
      (failure: unknown) => {
        if (current) setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [client, days, flowId]);

  const c = summary?.conversations;
  const cards = summary
    ? [
        ['Conversations', c?.started],
        ['Resolved', c?.resolved],
        ['Handed to agents', c?.handedOff],
        ['Abandoned', c?.abandoned],
        ['Active now', c?.active],
        ['Resolution rate', summary.resolutionRate === null ? '—' : `${Math.round(summary.resolutionRate * 100)}%`],
        ['Bot answers in (p50)', summary.firstResponseMs.bot.p50 === null ? '—' : `${summary.firstResponseMs.bot.p50} ms`],
        ['Messages in / out', `${summary.messages.inbound} / ${summary.messages.outbound}`],
        ['Opt-outs', summary.optOuts],
      ]
    : [];
  return (
    <main className="business-main dashboard">
      <div className="business-head">
        <div>
          <h1>Dashboard</h1>
          <p className="muted">Counted as conversations happen. Test-chat conversations are not counted.</p>
        </div>
        <div className="dashboard-filters">
          <select aria-label="Time range" value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {RANGES.map((n) => (
              <option key={n} value={n}>
                Last {n} days
              </option>
            ))}
          </select>
          <select aria-label="Flow" value={flowId} onChange={(event) => setFlowId(event.target.value)}>
            <option value="">All flows</option>
            {flowList.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-ghost"
            disabled={!summary}
            onClick={() =>
              summary && downloadFile(`chatflow-${days}-days.csv`, new Blob([seriesCsv(summary.series)], { type: 'text/csv' }))
            }
          >
            ⬇ CSV
          </button>
        </div>
      </div>
      {error ? (
        <p className="dashboard-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dashboard-cards">
        {cards.map(([label, value]) => (
          <div key={String(label)} className="dashboard-card" data-testid="dashboard-card">
            <span className="dashboard-card-label">{label}</span>
            <strong className="dashboard-card-value">{value}</strong>
          </div>
        ))}
      </div>
      {summary && summary.series.length > 0 ? (
        <SeriesChart series={summary.series} days={days} />
      ) : (
        <p className="muted">No conversations in this range yet.</p>
      )}
    </main>
  );
}
