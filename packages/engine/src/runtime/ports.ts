/**
 * What the engine needs from its host, stated as interfaces. The server implements them over
 * real services; tests implement them in a few lines.
 */
export interface Ports {
  ai?: AiPort;
  http?: HttpPort;
  catalog?: CatalogPort;
}

export interface AiPort {
  respond(request: AiRequest): Promise<AiResult>;
}

export interface AiRequest {
  nodeId: string;
  model: string;
  systemPrompt: string;
  temperature: number;
  maxTokens: number;
  /** Oldest first; already cut to the node's history window. Never holds phone numbers. */
  history: { role: 'user' | 'assistant'; text: string }[];
  /** Tools the model may call, by name: search_catalog, add_to_cart, handoff, set_variable, finish. */
  tools: string[];
  /** Outcomes `finish` may name; each is an exit of the node. */
  outcomes: string[];
  variables: Record<string, unknown>;
  /** Summary of turns older than the history window, if the host keeps one. */
  summary?: string;
}

export interface AiResult {
  reply?: string;
  outcome?: string;
  setVariables?: Record<string, unknown>;
  handoff?: { department: string; note?: string };
  cart?: { productId: string; quantity: number; variant?: string }[];
  usage?: { model: string; inputTokens: number; outputTokens: number };
}

export interface HttpPort {
  request(request: HttpRequest): Promise<HttpResponse>;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface CatalogPort {
  categories(): Promise<string[]>;
  products(query: { category?: string; search?: string; limit: number }): Promise<Product[]>;
  product(id: string): Promise<Product | undefined>;
}

export interface Product {
  id: string;
  name: string;
  description?: string;
  price: number;
  currency: string;
  category?: string;
  imageUrl?: string;
  stock?: number;
  variants?: { id: string; name: string; price?: number; stock?: number }[];
}
