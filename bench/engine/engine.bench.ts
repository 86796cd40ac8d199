// `pnpm bench` (or `pnpm bench engine`): the engine against a hand-written XState machine holding
// the same conversation, and the time to validate and compile a 500-node flow.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileFlow, createRuntime, defaultRegistry, validateFlow } from '@chatflow/engine';
import { engineConversation, handWrittenConversation, userEvents } from './conversations';
import { largeFlow } from './large-flow';
import { cpuTimeOnce, formatMs, formatRate, median, medianTime } from './measure';

const MESSAGES_PER_RUN = 3_000;
const RUNS_PER_PROCESS = 3;
const ROUNDS = 5;
const RATIO_AIM = 1.5;
const COMPILE_AIM_MS = 50;
const sides = { engine: engineConversation, 'hand-written': handWrittenConversation };
type Side = keyof typeof sides;

/**
 * One side measured in a process of its own: a warm-up run, then the median rate of a few runs,
 * in CPU time. Alone in its process, neither side's machine shapes slow down XState's code paths
 * for the other (shared inline caches would make whichever runs second look worse).
 */
async function measureSide(side: Side): Promise<number> {
  const events = userEvents(MESSAGES_PER_RUN);
  const run = sides[side];
  await run(events);
  const rates: number[] = [];
  for (let i = 0; i < RUNS_PER_PROCESS; i += 1) rates.push((MESSAGES_PER_RUN / (await cpuTimeOnce(() => run(events)))) * 1000);
  return median(rates);
}

function measureInChild(side: Side): number {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--side', side], { encoding: 'utf8' });
  const rate = Number(child.stdout.trim());
  if (child.status !== 0 || !Number.isFinite(rate)) throw new Error(`measuring ${side} failed:\n${child.stderr}`);
  return rate;
}

function mark(ok: boolean): string {
  return ok ? '✓' : '✗ (over the aim)';
}

async function compileSection(): Promise<void> {
  const flow = largeFlow(25);
  const cold = await cpuTimeOnce(() => compileFlow(flow, defaultRegistry));
  const options = { warmup: 5, runs: 15 };
  const validate = await medianTime(() => validateFlow(flow, defaultRegistry), options);
  const compile = await medianTime(() => compileFlow(flow, defaultRegistry), options);
  const compiled = compileFlow(flow, defaultRegistry);
  const machine = await medianTime(() => createRuntime(compiled), options);
  console.log(
    `\n${flow.nodes.length}-node flow (${flow.edges.length} edges), CPU time, median of ${options.runs} runs after ${options.warmup} warm-ups`,
  );
  console.log(`  validate                 ${formatMs(validate)}`);
  console.log(`  validate + compile       ${formatMs(compile)}   aim < ${COMPILE_AIM_MS} ms ${mark(compile < COMPILE_AIM_MS)}`);
  console.log(`  createRuntime (machine)  ${formatMs(machine)}`);
  console.log(`  first compile, cold      ${formatMs(cold)}   (includes compiling every node schema with ajv once)`);
}

async function conversationSection(): Promise<void> {
  const sample = userEvents(100);
  const [fromEngine, fromHand] = [await engineConversation(sample), await handWrittenConversation(sample)];
  if (JSON.stringify(fromEngine) !== JSON.stringify(fromHand)) {
    console.error('The engine and the hand-written machine disagree; comparing their speed would be meaningless.');
    console.error({ engine: fromEngine.slice(0, 12), handWritten: fromHand.slice(0, 12) });
    process.exit(1);
  }
  // Rounds alternate which side runs first and the ratio is taken within each round, so load from
  // other processes hits both sides alike instead of skewing one of them.
  const engineRates: number[] = [];
  const handRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const order: Side[] = round % 2 === 0 ? ['engine', 'hand-written'] : ['hand-written', 'engine'];
    const [a, b] = order.map(measureInChild) as [number, number];
    const engineRate = order[0] === 'engine' ? a : b;
    const handRate = order[0] === 'engine' ? b : a;
    engineRates.push(engineRate);
    handRates.push(handRate);
    ratios.push(handRate / engineRate);
  }
  const ratio = median(ratios);
  console.log(`\n20-node flow, ${MESSAGES_PER_RUN.toLocaleString('en-US')} messages per run, snapshot JSON round trip on every message`);
  console.log(`  (CPU time; each side in its own process, median of ${RUNS_PER_PROCESS} runs after a warm-up; ${ROUNDS} rounds)`);
  console.log(`  engine                   ${formatRate(median(engineRates))}`);
  console.log(`  hand-written XState      ${formatRate(median(handRates))}`);
  const verdict = ratio >= 1 ? `${ratio.toFixed(2)}x slower` : `${(1 / ratio).toFixed(2)}x faster`;
  console.log(
    `  engine vs hand-written   ${verdict} (median of the rounds' ratios)   aim: at most ${RATIO_AIM}x slower ${mark(ratio <= RATIO_AIM)}`,
  );
}

const sideArg = process.argv.indexOf('--side');
if (sideArg >= 0) {
  console.log(await measureSide(process.argv[sideArg + 1] as Side));
} else {
  console.log('engine benchmark');
  await compileSection();
  await conversationSection();
}
