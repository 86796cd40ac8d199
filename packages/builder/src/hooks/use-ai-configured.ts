import { useEffect, useState } from 'react';
import { useApi } from './use-api';

/**
 * Whether the server can call Claude (ANTHROPIC_API_KEY is set); undefined until it answered, and
 * when it could not be asked (no warning is better than a false one).
 */
export function useAiConfigured(): boolean | undefined {
  const { client } = useApi();
  const [configured, setConfigured] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let current = true;
    client.get<{ configured: boolean }>('/api/ai/status').then(
      (status) => current && setConfigured(status.configured),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client]);
  return configured;
}
