import { compileFlow, createRuntime, defaultRegistry, type EngineEvent } from '@chatflow/engine';
import { loopMessages, twentyNodeFlow } from './twenty-node-flow';

const events: EngineEvent[] = Array.from({ length: 4000 }, (_, i) => loopMessages(i)).flatMap((t) =>
  t.map((text): EngineEvent => ({ type: 'user.message', message: { kind: 'text', text } })),
);
const runtime = createRuntime(compileFlow(twentyNodeFlow, defaultRegistry));
let step = await runtime.start({ contact: { id: 'c', name: 'Ana' } });
let stored = JSON.stringify(step.snapshot);
const t = performance.now();
for (const e of events) {
  step = await runtime.send(JSON.parse(stored), e);
  stored = JSON.stringify(step.snapshot);
}
console.log((events.length / (performance.now() - t)) * 1000, 'msg/s', stored.length, 'bytes');
