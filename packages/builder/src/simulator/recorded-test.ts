import { type FlowTest, type FlowTestStep, messageText } from '@chatflow/engine';
import type { SimulatorState } from './simulator-session';

/** Longer bot texts are checked by their start: enough to tell them apart, not so much that a typo fix breaks the test. */
const EXPECT_CHARS = 80;

/**
 * A flow test from a test-chat conversation: what the customer did becomes `say` / `choose` /
 * `media` / `fireTimer` steps, each bot message an `expect` of its first line, and the node the
 * chat ended at an `expectNode`. The AI and HTTP answers of the chat are kept, so the test replays them.
 */
export function testFromChat(
  name: string,
  state: Pick<SimulatorState, 'entries' | 'recorded' | 'timersFired' | 'nodeId' | 'status' | 'contactName'>,
): FlowTest {
  const steps: FlowTestStep[] = [];
  state.entries.forEach((entry, index) => {
    for (const at of state.timersFired) if (at === index) steps.push({ fireTimer: true });
    if (entry.direction === 'out') {
      const line = messageText(entry.message).split('\n')[0]?.trim().slice(0, EXPECT_CHARS);
      if (line) steps.push({ expect: line });
      return;
    }
    const message = entry.message;
    if (message.kind === 'choice') steps.push({ choose: message.title ?? message.id });
    else if (message.kind === 'text') steps.push({ say: message.text });
    else if (message.kind === 'media')
      steps.push({ media: { type: message.mediaType, ...(message.caption ? { caption: message.caption } : {}) } });
  });
  for (const at of state.timersFired) if (at >= state.entries.length) steps.push({ fireTimer: true });
  if (state.nodeId && state.status === 'active') steps.push({ expectNode: state.nodeId });
  const { ai, http } = state.recorded;
  return {
    name,
    ...(state.contactName ? { contact: { name: state.contactName } } : {}),
    steps,
    ...(ai.length || http.length
      ? { recorded: { ...(ai.length ? { ai: [...ai] } : {}), ...(http.length ? { http: [...http] } : {}) } }
      : {}),
  };
}
