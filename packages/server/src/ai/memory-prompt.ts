import type { AiMemoryRecord, ContactProfileRecord } from './ai-memory-repository';

/**
 * The system prompt with what the bot remembers appended: the summary of older turns, turns not
 * summarised yet, and what the customer told about themselves. The admin's text stays first so
 * it keeps its weight.
 */
export function memoryPrompt(system: string, memory: AiMemoryRecord | undefined, profile: ContactProfileRecord | undefined): string {
  const context: string[] = [];
  if (memory?.summary) context.push(`Summary of the conversation so far:\n${memory.summary}`);
  if (memory?.pending.length) {
    context.push(
      `Earlier messages:\n${memory.pending.map((turn) => `${turn.role === 'user' ? 'Customer' : 'You'}: ${turn.text}`).join('\n')}`,
    );
  }
  const known = [
    profile?.name ? `Name: ${profile.name}` : '',
    profile?.preferences.length ? `Preferences: ${profile.preferences.join('; ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  if (known) context.push(`What the customer told you about themselves before:\n${known}`);
  return context.length ? `${system.trim()}\n\n# What you remember\n${context.join('\n\n')}` : system;
}
