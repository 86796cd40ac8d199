// `pnpm bench analytics`: the dashboard summary and a flow's per-node funnel on a workspace holding
// the counts of 1,000,000 messages (30 days of hourly counters for 3 flows) and 100,000 conversation
// records in the embedded store, against the same queries on an empty workspace in the same run.
// Messages themselves are never read by these queries, so none are generated. Passes when both
// answer in under 200 ms (median of 20).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowDocument } from '@chatflow/engine';
import { type AnalyticsBucket, RESPONSE_BINS_MS } from '../../packages/server/src/analytics/analytics-bucket';
import { createAnalyticsCounter } from '../../packages/server/src/analytics/analytics-counter';
import { funnel } from '../../packages/server/src/analytics/analytics-funnel';
import { summarize } from '../../packages/server/src/analytics/analytics-summary';
import { createConversationRepository } from '../../packages/server/src/records/conversation-repository';
import { openStores } from '../../packages/server/src/stores/open-stores';

const HOUR = 3_600_000;
const DAYS = 30;
const FLOWS = ['welcome-menu', 'orders', 'support'];
const CONVERSATIONS = 100_000;
const MESSAGES = 1_000_000;
const LIMIT_MS = 200;
const welcome = JSON.parse(readFileSync('examples/flows/welcome-menu.json', 'utf8')) as FlowDocument;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chatflow-bench-analytics-'));
  const stores = await openStores({ dataDir });
  try {
    const now = Date.now();
    const buckets = stores.documents.collection<AnalyticsBucket>('analytics_buckets', { indexes: [['workspaceId', 'hour']] });
    const hours = DAYS * 24;
    const perBucket = Math.round(MESSAGES / (hours * FLOWS.length));
    let seeded = 0;
    for (let h = 0; h < hours; h++) {
      for (const flowId of FLOWS) {
        const hour = Math.floor(now / HOUR) * HOUR - h * HOUR;
        const nodes = Object.fromEntries(welcome.nodes.map((n) => [n.id, { entered: perBucket, exits: { next: perBucket } }]));
        const counts = {
          started: perBucket / 4,
          ended: perBucket / 5,
          resolved: perBucket / 6,
          handedOff: 3,
          inbound: perBucket,
          outbound: perBucket * 2,
          optOuts: 1,
          templatesSent: 2,
        };
        const botResponse = RESPONSE_BINS_MS.map(() => 10).concat(1);
        await buckets.insert({
          id: `ws|${hour}|${flowId}|1|whatsapp||bench`,
          workspaceId: 'ws',
          hour,
          flowId,
          flowVersion: 1,
          channel: 'whatsapp',
          department: '',
          counts,
          nodes,
          botResponse,
        });
        seeded += perBucket;
      }
    }
    const conversations = createConversationRepository(stores.documents);
    const statuses = ['active', 'ended', 'expired', 'handoff'] as const;
    for (let i = 0; i < CONVERSATIONS; i++) {
      await conversations.insert({
        id: `c${i}`,
        workspaceId: 'ws',
        conversationKey: `k${i}`,
        contactId: `contact${i}`,
        channel: { kind: 'whatsapp', phoneNumberId: '1' },
        flowId: FLOWS[i % FLOWS.length] as string,
        flowVersion: 1,
        status: statuses[i % statuses.length] as (typeof statuses)[number],
        nodeId: welcome.nodes[i % welcome.nodes.length]?.id as string,
        vars: {},
        startedAt: now - (i % (DAYS * 24)) * HOUR,
        updatedAt: now - (i % (DAYS * 24)) * HOUR,
      });
    }
    const counter = createAnalyticsCounter(stores.documents);
    const window = { from: now - DAYS * 24 * HOUR, to: now, now, sessionMs: 24 * HOUR };
    const dashboard = async (workspaceId: string) => {
      const found = await counter.buckets(workspaceId, window.from, window.to);
      return summarize(workspaceId, found, conversations, { ...window, timeZone: 'Europe/Lisbon' });
    };
    const canvas = async (workspaceId: string) => {
      const found = await counter.buckets(workspaceId, window.from, window.to, welcome.id);
      return funnel(workspaceId, { ...welcome, id: 'welcome-menu' }, 1, found, conversations, window);
    };
    const median = async (run: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[10] as number;
    };
    const full = (await dashboard('ws')).messages.inbound;
    const results = {
      summaryEmpty: await median(() => dashboard('empty')),
      summaryFull: await median(() => dashboard('ws')),
      funnelEmpty: await median(() => canvas('empty')),
      funnelFull: await median(() => canvas('ws')),
    };
    await counter.stop();
    console.log(
      `seeded: ${seeded.toLocaleString()} messages counted in ${hours * FLOWS.length} hourly counters, ${CONVERSATIONS.toLocaleString()} conversations; the summary reads ${full.toLocaleString()} inbound`,
    );
    for (const [name, ms] of Object.entries(results)) console.log(`${name.padEnd(13)} ${ms.toFixed(1)} ms (median of 20)`);
    const slowest = Math.max(results.summaryFull, results.funnelFull);
    console.log(
      `full / empty: summary ${(results.summaryFull / results.summaryEmpty).toFixed(1)}x, funnel ${(results.funnelFull / results.funnelEmpty).toFixed(1)}x`,
    );
    if (slowest >= LIMIT_MS) {
      console.log(`FAIL: ${slowest.toFixed(0)} ms is not under ${LIMIT_MS} ms`);
      process.exitCode = 1;
    } else console.log(`PASS: both under ${LIMIT_MS} ms`);
  } finally {
    await stores.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
