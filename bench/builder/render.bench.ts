// `pnpm bench builder`: a generated 500-node flow opened in the builder (Debian's chromium against
// the real server), against a 20-node flow as the baseline in the same run: time until the first
// nodes are on screen, and frames per second while the canvas is panned by a scripted drag.
import { ensureBuilderBuilt } from '../../test/browser/support/ensure-builder-built';
import { type LaunchedChromium, launchChromium } from '../../test/browser/support/launch-chromium';
import { startServer } from '../../test/support/start-server';
import { generatedFlow } from './generated-flow';

// playwright-core is a dependency of test/, where the browser support lives; its Page type comes from there.
type Page = Awaited<ReturnType<LaunchedChromium['context']['newPage']>>;

const OPENS = 5;
const RENDER_AIM_MS = 1000;
const FPS_AIM = 50;
const PAN_MOVES = 120;

// In-page scripts are strings: they run in the browser, and this project has no DOM types.
const watchFirstNode = `
  (() => {
    const check = () => {
      const node = document.querySelector('.react-flow__node');
      if (node && getComputedStyle(node).visibility !== 'hidden') window.__firstNodeAt = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();
`;
const countFrames = `
  (() => {
    window.__frames = [];
    const tick = (t) => { window.__frames.push(t); if (!window.__stopFrames) requestAnimationFrame(tick); };
    window.__stopFrames = false;
    requestAnimationFrame(tick);
  })();
`;

interface Measure {
  firstRenderMs: number;
  renderedNodes: number;
  fps: number;
  worstFrameMs: number;
  /** Zoomed out until the whole flow is in view (every node rendered): the worst case. */
  wholeNodes: number;
  wholeFps: number;
  wholeWorstFrameMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function pan(page: Page): Promise<{ fps: number; worstFrameMs: number }> {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no canvas on the page');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 40, y);
  await page.mouse.down();
  await page.evaluate(countFrames);
  for (let i = 1; i <= PAN_MOVES; i += 1) await page.mouse.move(box.x + box.width - 40 - i * 6, y + Math.sin(i / 10) * 60);
  await page.mouse.up();
  const frames = (await page.evaluate('window.__stopFrames = true, window.__frames')) as number[];
  const gaps = frames.slice(1).map((t, i) => t - (frames[i] as number));
  const span = (frames.at(-1) ?? 0) - (frames[0] ?? 0);
  return { fps: ((frames.length - 1) / span) * 1000, worstFrameMs: Math.max(...gaps) };
}

async function measureFlow(url: string, token: string, size: number): Promise<Measure> {
  const browser = await launchChromium({ width: 1600, height: 960 });
  try {
    const results: Measure[] = [];
    for (let run = 0; run <= OPENS; run += 1) {
      const page = await browser.context.newPage();
      await page.addInitScript(`localStorage.setItem('chatflow.adminToken', ${JSON.stringify(token)});`);
      await page.addInitScript(watchFirstNode);
      await page.goto(`${url}/#/flows/generated-${size}`);
      await page.waitForFunction('window.__firstNodeAt !== undefined', undefined, { timeout: 30_000 });
      const firstRenderMs = (await page.evaluate('window.__firstNodeAt')) as number;
      await page.waitForTimeout(300);
      const renderedNodes = await page.locator('.react-flow__node').count();
      const panned = await pan(page);
      await page.keyboard.press('Shift+!');
      await page.waitForTimeout(800);
      const wholeNodes = await page.locator('.react-flow__node').count();
      const whole = await pan(page);
      await page.close();
      // The first open fills the browser's cache and JIT; it is not counted.
      if (run > 0)
        results.push({ firstRenderMs, renderedNodes, ...panned, wholeNodes, wholeFps: whole.fps, wholeWorstFrameMs: whole.worstFrameMs });
    }
    return {
      firstRenderMs: median(results.map((r) => r.firstRenderMs)),
      renderedNodes: median(results.map((r) => r.renderedNodes)),
      fps: median(results.map((r) => r.fps)),
      worstFrameMs: median(results.map((r) => r.worstFrameMs)),
      wholeNodes: median(results.map((r) => r.wholeNodes)),
      wholeFps: median(results.map((r) => r.wholeFps)),
      wholeWorstFrameMs: median(results.map((r) => r.wholeWorstFrameMs)),
    };
  } finally {
    await browser.close();
  }
}

await ensureBuilderBuilt();
const server = await startServer();
try {
  for (const size of [20, 500]) {
    const response = await fetch(`${server.url}/api/flows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ document: generatedFlow(size) }),
    });
    if (!response.ok) throw new Error(`creating the ${size}-node flow failed: ${response.status} ${await response.text()}`);
  }
  const baseline = await measureFlow(server.url, server.adminToken, 20);
  const large = await measureFlow(server.url, server.adminToken, 500);
  const row = (name: string, m: Measure) =>
    `  ${name.padEnd(16)} first render ${m.firstRenderMs.toFixed(0).padStart(5)} ms   nodes in the DOM ${String(m.renderedNodes).padStart(4)}   panning ${m.fps.toFixed(1).padStart(5)} fps (worst frame ${m.worstFrameMs.toFixed(0)} ms)`;
  console.log(`builder canvas, headless chromium, median of ${OPENS} opens (navigation start → first node on screen)`);
  console.log(row('20 nodes (base)', baseline));
  console.log(row('500 nodes', large));
  console.log(
    `  500 zoomed out   the whole flow in view: nodes in the DOM ${large.wholeNodes}, panning ${large.wholeFps.toFixed(1)} fps (worst frame ${large.wholeWorstFrameMs.toFixed(0)} ms)`,
  );
  const renderOk = large.firstRenderMs < RENDER_AIM_MS;
  const fpsOk = large.fps >= FPS_AIM;
  console.log(
    `  500 nodes vs baseline: first render ×${(large.firstRenderMs / baseline.firstRenderMs).toFixed(2)}, panning ×${(large.fps / baseline.fps).toFixed(2)} fps`,
  );
  console.log(`  aim: first render < ${RENDER_AIM_MS} ms ${renderOk ? '✓' : '✗'}, panning ≥ ${FPS_AIM} fps ${fpsOk ? '✓' : '✗'}`);
} finally {
  await server.stop();
}
