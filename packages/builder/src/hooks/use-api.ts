import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/api-client';
import type { FlowsApi } from '../api/flows-api';
import type { SimulatorApi } from '../api/simulator-api';

export interface Api {
  client: ApiClient;
  flows: FlowsApi;
  simulator: SimulatorApi;
}

export const ApiContext = createContext<Api | undefined>(undefined);

/** The REST API with the signed-in admin's token. */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an ApiContext provider (the app renders one once signed in)');
  return api;
}
