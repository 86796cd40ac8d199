import type { MediaFile } from './media-file';

/**
 * What the engine needs from its host, stated as interfaces. The server implements them over
 * real services; tests implement them in a few lines. They are channel- and vendor-neutral: the
 * engine never imports an SDK, and nothing here names WhatsApp or a model vendor.
 */
export interface Ports {
  ai?: AiPort;
  http?: HttpPort;
  catalog?: CatalogPort;
  handlers?: HandlerPort;
}

/**
 * The host's ports for one turn, made from the `turn` value the host passed to the runtime's
 * `start` or `send` (e.g. which workspace and conversation it is), the first time a node of that
 * turn calls one. For hosts whose runtimes are shared by many conversations: each turn gets ports
 * bound to its own conversation, with no ambient state.
 */
export type TurnPorts = (turn: unknown) => Ports;

/**
 * One call to a language model. The engine runs the tool loop itself: when the result asks for
 * tools, it carries them out (searching the catalog through `CatalogPort`, adding to the cart,
 * setting variables) and calls `respond` again with the results appended to `messages`, a few
 * rounds at most per customer message. An implementation therefore maps one request to one model
 * call and back, and keeps no state between calls.
 *
 * It throws on any failure (network, timeout, refusal, rate limit after its own retries): the AI
 * node then says the admin's error text and leaves by its `error` exit. It should time out well
 * within the host's turn budget (tens of seconds), since the conversation waits for it.
 *
 * @example An implementation on Anthropic's Messages API maps
 * `system` → `system`, `maxTokens` → `max_tokens`, each tool to `{ name, description, input_schema }`,
 * `user` → `{ role: 'user', content: text }`, `assistant` → text and `tool_use` blocks
 * (`{ id, name, input }` from `toolCalls`), `tool` → a user message of `tool_result` blocks
 * (`tool_use_id: callId`, `content`, `is_error`); and back, the response's text blocks joined as
 * `text`, its `tool_use` blocks as `toolCalls`, `usage.input_tokens`/`output_tokens` as `usage`.
 */
export interface AiPort {
  respond(request: AiRequest): Promise<AiResult>;
}

export interface AiRequest {
  /** The AI node making the call, for logs and usage accounting. */
  nodeId: string;
  /** The model as the admin configured it (e.g. `claude-sonnet-4-5`); passed to the vendor as-is. */
  model: string;
  /**
   * Instructions for the whole conversation: the node's system prompt, its `{{variables}}` left as
   * named references. Put nothing a customer wrote here.
   */
  system: string;
  /**
   * The values of the `{{variables}}` in `system`. They may hold what a customer typed, so pass
   * them as customer-provided content (e.g. a marked first block of the first user turn), never in
   * the system prompt. Phone numbers are masked.
   */
  facts?: AiFact[];
  /** The most tokens the model may write in this one call. */
  maxTokens: number;
  /**
   * The conversation, oldest first, cut to the node's history window. It always starts with a
   * `user` message, and `user`/`tool` messages alternate with `assistant` ones (the engine merges
   * consecutive messages of one side), so vendors that require alternation accept it as it is.
   * Texts hold no phone numbers: the engine masks them before they leave.
   */
  messages: AiMessage[];
  /** Tools the model may call in this request; empty means it can only reply with text. */
  tools: AiTool[];
}

/** One `{{variable}}` of the AI node's instructions and its value as text. */
export interface AiFact {
  name: string;
  value: string;
}

/** One message of the conversation as the model sees it. */
export type AiMessage =
  /** What the customer wrote (media and choices as their readable text). */
  | { role: 'user'; text: string; media?: AiMedia[] }
  /** What the bot said, or, within the current turn, the model's earlier response with its tool calls. */
  | { role: 'assistant'; text: string; toolCalls?: AiToolCall[] }
  /** Results of every tool call of the preceding `assistant` message, one each, in the same order. */
  | { role: 'tool'; results: AiToolResult[] };

/**
 * A media message of the customer's in the history: the host turns a stored photo into an image
 * for the model, and anything else (or a photo it no longer has) into a short note.
 */
export interface AiMedia {
  mediaType: 'image' | 'document' | 'audio' | 'video' | 'sticker';
  /** The stored file; absent when the host could not download it. */
  file?: MediaFile;
  caption?: string;
}

/** The tools the engine can carry out. */
export type AiToolName = 'search_catalog' | 'add_to_cart' | 'handoff' | 'set_variable' | 'finish';

/** A tool offered to the model, described the way model APIs expect. */
export interface AiTool {
  name: AiToolName;
  /** When and why to call it, written for the model. */
  description: string;
  /** JSON Schema (an `object` schema) of the tool's input; the engine checks inputs itself too. */
  inputSchema: Record<string, unknown>;
}

/** A tool call the model asked for. */
export interface AiToolCall {
  /** The vendor's id of this call, echoed back in the matching `AiToolResult.callId`. */
  id: string;
  /** The tool's name; an unknown name gets an error result rather than failing the turn. */
  name: string;
  /** The tool input as the model wrote it (parsed JSON). */
  input: Record<string, unknown>;
}

/** The engine's answer to one tool call. */
export interface AiToolResult {
  /** `AiToolCall.id` of the call this answers. */
  callId: string;
  /** What the model reads: JSON text for data, a sentence for an error. */
  content: string;
  /** True when the call failed (bad input, unknown product); the model may correct itself. */
  isError?: boolean;
}

/** The model's response to one request. */
export interface AiResult {
  /** Text for the customer; empty when the model only called tools. */
  text: string;
  /** Tool calls in the order the model made them; empty when it only replied. */
  toolCalls: AiToolCall[];
  /** Tokens this call consumed, reported as `ai.usage` effects for cost accounting. */
  usage: { inputTokens: number; outputTokens: number };
  /** The model that actually answered, when the vendor reports one (e.g. a dated version). */
  model?: string;
  /**
   * What the host knows of the contact from their conversations, when it keeps a profile: the AI
   * node stores it as the `profile` variable, so later nodes can say `{{profile.name}}`.
   */
  profile?: ContactProfile;
}

/** A contact's profile as flow variables read it: texts, ready for `{{profile.name}}` and `{{profile.preferences}}`. */
export interface ContactProfile {
  /** The name the contact wants to be called. */
  name?: string;
  /** Their lasting preferences (sizes, tastes, dietary needs), comma-separated. */
  preferences?: string;
}

/**
 * Outbound HTTP for flows (the http node) and custom node handlers. The host decides what may be
 * reached (it refuses private addresses unless its operator allows a host), caps answers and keeps
 * the deadline. It throws on anything but an answer (refused, timed out, too large, unreachable)
 * with a message fit to show the admin, e.g. "host 10.0.0.5 is a private address"; an answer with
 * any status resolves.
 */
export interface HttpPort {
  request(request: HttpRequest): Promise<HttpResponse>;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * A `multipart/form-data` body instead of `body`, in this order: the host writes the boundary and
   * its `Content-Type` header, and reads each media part's bytes from its media store.
   */
  parts?: HttpPart[];
  timeoutMs: number;
  /**
   * Accept a binary answer (a file, by its content type: not JSON or text) up to WhatsApp's largest
   * media size; the host stores it and hands it back as `HttpResponse.media`.
   */
  responseMedia?: boolean;
  /**
   * Reuse an answer for this long when the method, URL, body and parts (media by sha256) are the
   * same, without calling the service again; per workspace.
   */
  cacheHours?: number;
}

/** One part of a multipart body: a text field, or a stored file sent with its type and name. */
export type HttpPart = { name: string; value: string } | { name: string; media: MediaFile };

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON or text answers: the text (or a parsed value); empty for a binary answer stored as `media`. */
  body: unknown;
  /** The binary answer, stored, when the request asked for `responseMedia`. */
  media?: MediaFile;
}

/**
 * The business's product catalog, read-only. Every call may throw (the store is down): the
 * order node then says its error text and leaves by `error`.
 */
export interface CatalogPort {
  /** Category names in display order; empty when the catalog is not grouped into categories. */
  categories(): Promise<string[]>;
  /** Products matching every filter given, in a stable display order, so `offset` pages through them. */
  products(query: ProductQuery): Promise<Product[]>;
  /** One product by id; undefined when there is no such product (any more). */
  product(id: string): Promise<Product | undefined>;
}

export interface ProductQuery {
  /** Only products of this category (a name from `categories()`). */
  category?: string;
  /** Free text the customer typed; matching (names, descriptions, accents, typos) is up to the host. */
  search?: string;
  /** How many matching products to skip, for the next page. */
  offset?: number;
  /** The most products to return. */
  limit: number;
}

export interface Product {
  /**
   * The product's id. It is also the retailer id of the channel's catalog (WhatsApp's
   * `product_retailer_id`), so items of a cart the customer sends from that catalog match.
   */
  id: string;
  name: string;
  description?: string;
  /** Unit price in the currency's major unit (12.5 is 12.50), before any variant price. */
  price: number;
  /** ISO 4217 code, e.g. `BRL`. */
  currency: string;
  category?: string;
  imageUrl?: string;
  /** Units available; undefined means not tracked (unlimited). */
  stock?: number;
  /** Choices the customer must make (size, flavour); each may have its own price and stock. */
  variants?: { id: string; name: string; price?: number; stock?: number }[];
}

/**
 * Runs the server handler of a custom node type (one made with `defineServerNodeType`). The host
 * finds the handler by the node's type, gives it its services (HTTP with the host's rules and
 * `{{secrets.NAME}}` filling, the media store, the workspace's secrets, a logger) and keeps the
 * deadline. It throws when the handler throws, times out or is missing, with a reason fit for the
 * admin; the node then leaves by `error`.
 */
export interface HandlerPort {
  run(request: HandlerRequest): Promise<HandlerResult>;
}

export interface HandlerRequest {
  /** The custom node type, e.g. `order-status`. */
  type: string;
  nodeId: string;
  /** The node's config as the admin wrote it, `{{variables}}` filled. */
  config: Record<string, unknown>;
  timeoutMs: number;
}

/** A handler's answer: the exit to leave by and the variables to set (plain JSON). */
export interface HandlerResult {
  exit: string;
  vars?: Record<string, unknown>;
}

/** What a custom node's server handler is given. Everything is scoped to the conversation's workspace. */
export interface HandlerServices {
  /** Outbound HTTP under the same rules as the http node; `{{secrets.NAME}}` in the URL, headers and body is filled. */
  http: HttpPort;
  /** Stored files: a customer's media by id, or new bytes to hand back as a media variable. */
  media: {
    get(id: string): Promise<{ file: MediaFile; bytes: Uint8Array } | undefined>;
    put(bytes: Uint8Array, meta: { mimeType: string; filename?: string }): Promise<MediaFile>;
  };
  /** A workspace secret by name; undefined when it is not set. Never put it in the result. */
  secrets: { read(name: string): Promise<string | undefined> };
  /** The server's logger: secrets and phone numbers are masked. */
  log: { info(message: string, fields?: Record<string, unknown>): void; warn(message: string, fields?: Record<string, unknown>): void };
}

/** The server handler of a custom node type: its file exports one as `handler`. */
export type NodeHandler = (
  request: { config: Record<string, unknown>; nodeId: string },
  services: HandlerServices,
) => Promise<HandlerResult>;
