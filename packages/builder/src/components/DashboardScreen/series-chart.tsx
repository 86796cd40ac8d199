import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SummaryDay } from '../../api/analytics-api';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every day of the last `days` days (the browser's time zone), those without conversations as zeros. */
function everyDay(series: readonly SummaryDay[], days: number): SummaryDay[] {
  const byDay = new Map(series.map((d) => [d.day, d]));
  const format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
  return Array.from({ length: days }, (_, i) => {
    const day = format.format(Date.now() - (days - 1 - i) * DAY_MS);
    return byDay.get(day) ?? { day, started: 0, resolved: 0, handedOff: 0, inbound: 0, outbound: 0 };
  });
}

/** Conversations started and resolved and messages in, per day of the range, as a line chart (uPlot). */
export function SeriesChart({ series: counted, days: range }: { series: readonly SummaryDay[]; days: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const series = everyDay(counted, range);
    const days = series.map((d) => Date.parse(`${d.day}T12:00:00Z`) / 1000);
    const chart = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 240,
        series: [
          {},
          { label: 'Started', stroke: '#2563eb', width: 2 },
          { label: 'Resolved', stroke: '#16a34a', width: 2 },
          { label: 'Messages in', stroke: '#9333ea', width: 2 },
        ],
        axes: [{}, { label: 'per day' }],
      },
      [days, series.map((d) => d.started), series.map((d) => d.resolved), series.map((d) => d.inbound)],
      element,
    );
    return () => chart.destroy();
  }, [counted, range]);
  return <div className="dashboard-chart" ref={box} data-testid="dashboard-chart" />;
}
