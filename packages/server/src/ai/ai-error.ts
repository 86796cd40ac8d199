import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';

/**
 * A failed AI call, with a message an admin can act on. The AI node takes its `error` exit and
 * the customer gets the admin's fallback text; this message goes to the logs and the simulator.
 */
export class AiError extends Error {
  override name = 'AiError';

  constructor(
    message: string,
    /** Why, in one word, for metrics and tests: `config`, `timeout`, `rate_limit`, `unavailable`, `refusal`, `invalid`, `api`. */
    readonly reason: 'config' | 'timeout' | 'rate_limit' | 'unavailable' | 'refusal' | 'invalid' | 'api',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Maps what the SDK threw to an `AiError` naming the node. */
export function toAiError(nodeId: string, error: unknown, timeoutMs: number): AiError {
  if (error instanceof AiError) return error;
  const prefix = `AI node "${nodeId}"`;
  if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError || isAbort(error)) {
    return new AiError(`${prefix}: Claude did not answer within ${Math.round(timeoutMs / 1000)} s`, 'timeout', { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new AiError(`${prefix}: could not reach Claude (${error.message})`, 'unavailable', { cause: error });
  }
  if (error instanceof APIError) {
    const detail = apiMessage(error);
    if (error.status === 401 || error.status === 403) {
      return new AiError(`${prefix}: Claude rejected the API key (${error.status}); check ANTHROPIC_API_KEY`, 'config', { cause: error });
    }
    if (error.status === 429)
      return new AiError(`${prefix}: Claude's rate limit was reached (429): ${detail}`, 'rate_limit', { cause: error });
    if (error.status !== undefined && error.status >= 500) {
      return new AiError(`${prefix}: Claude is unavailable (${error.status}): ${detail}`, 'unavailable', { cause: error });
    }
    return new AiError(`${prefix}: Claude rejected the request (${error.status ?? 'no status'}): ${detail}`, 'api', { cause: error });
  }
  return new AiError(`${prefix}: ${error instanceof Error ? error.message : String(error)}`, 'api', { cause: error });
}

function apiMessage(error: APIError): string {
  const body = error.error as { error?: { message?: unknown } } | undefined;
  return typeof body?.error?.message === 'string' ? body.error.message : error.message;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
