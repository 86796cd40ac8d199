import { readFileSync } from 'node:fs';
import type { AiPort, AiRequest, AiResult, AiToolCall, CatalogPort, Product } from '@chatflow/engine';

/** Reads an example file of the repository (examples/...). */
export function readExample(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../examples/${path}`, import.meta.url), 'utf8'));
}

/** The example catalog (examples/catalog.json) as the host's catalog port. */
export function exampleCatalog(): CatalogPort {
  const { products, categories } = readExample('catalog.json') as { products: Product[]; categories: string[] };
  return {
    categories: async () => categories,
    products: async ({ category, search, offset = 0, limit }) =>
      products
        .filter((p) => !category || p.category === category)
        .filter((p) => !search || `${p.name} ${p.description}`.toLowerCase().includes(search.toLowerCase()))
        .slice(offset, offset + limit),
    product: async (id) => products.find((p) => p.id === id),
  };
}

/** A catalog that is down: every call fails, as when the store cannot be reached. */
export const brokenCatalog: CatalogPort = {
  categories: () => Promise.reject(new Error('catalog store unreachable')),
  products: () => Promise.reject(new Error('catalog store unreachable')),
  product: () => Promise.reject(new Error('catalog store unreachable')),
};

export interface ScriptedAi extends AiPort {
  /** Every request the engine made, in order. */
  requests: AiRequest[];
}

/** One scripted model response: what it says and the tools it calls. */
export type ScriptedTurn = { text?: string; tools?: [name: string, input: Record<string, unknown>][] };

/** A language model that answers with the given responses in order, one per call. */
export function scriptedAi(turns: ScriptedTurn[]): ScriptedAi {
  const requests: AiRequest[] = [];
  return {
    requests,
    async respond(request): Promise<AiResult> {
      requests.push(request);
      const turn = turns[requests.length - 1];
      if (!turn) throw new Error(`the model was called ${requests.length} times; the script has ${turns.length} turns`);
      const toolCalls: AiToolCall[] = (turn.tools ?? []).map(([name, input], i) => ({ id: `call-${requests.length}-${i}`, name, input }));
      return { text: turn.text ?? '', toolCalls, usage: { inputTokens: 100, outputTokens: 20 }, model: 'claude-sonnet-4-5' };
    },
  };
}
