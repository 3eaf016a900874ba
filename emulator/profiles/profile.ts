import type { InitiationData, ServerMessage } from "../conversation/protocol";
import type { EmulatorError } from "../errors";
import type { AgentRecord } from "../models/agent";
import type { DocumentRecord } from "../models/knowledge-base";
import type { ToolRecord } from "../models/tool";
import type { Router } from "../router";
import type { Store } from "../store/store";

/** The API profiles the emulator serves: the documented contract, or the live service's API. */
export const PROFILES = ["seed", "live"] as const;
export type ProfileName = (typeof PROFILES)[number];

/**
 * What differs between the profiles, as data: the route table (paths, bodies, answers), how an
 * error is written, and how the conversation engine reads the stored objects. Handlers, the store,
 * faults, stats and the conversation engine are shared; nothing else asks which profile runs.
 */
export interface Profile {
  name: ProfileName;
  /** Every API route, relative to `/v1/convai`. */
  routes(router: Router): void;
  /** An error as this profile writes it. */
  renderError(error: EmulatorError, requestId: string): { status: number; body: unknown };
  /** Option defaults that differ (the live API documents no per-minute rate limit). */
  defaults: { rateLimit: number };
  conversation: ConversationCodec;
}

/** A tool as the conversation engine uses it, whatever shape it was written in. */
export interface ToolSpec {
  tool_id: string;
  name: string;
  description: string;
  /** The profile's own type name (`server`/`client` or `webhook`/`client`/…), for events and records. */
  type: string;
  /** `server`: the emulator makes the HTTP call; `client`: `client_tool_call` to the socket; `other`: not callable here. */
  kind: "server" | "client" | "other";
  url?: string;
  method?: string;
  /** Header values: literal strings, or a workspace secret by id. */
  headers: Record<string, string | { secret_id: string }>;
  timeoutSeconds: number;
  parameters: ToolParameter[];
  expectsResponse: boolean;
}

export interface ToolParameter {
  name: string;
  type: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  value?: unknown;
  location?: string;
}

/** What the conversation engine reads from an agent beyond the fields both shapes share. */
export interface AgentView {
  toolIds: string[];
  builtInTools: string[];
  timeoutSeconds: number;
  enableAuth: boolean;
  /** Origins (or host names, `hostOnly`) a browser may connect from; empty allows all. */
  allowedOrigins: string[];
  hostOnly: boolean;
  turn: Record<string, number | undefined>;
}

export interface ConversationCodec {
  /** The signed-URL query parameter that carries the signature. */
  signatureParam: string;
  agent(agent: AgentRecord): AgentView;
  tool(tool: ToolRecord): ToolSpec;
  /** The documents an agent's conversations search. */
  documents(store: Store, agent: AgentRecord): DocumentRecord[];
  /** The first override the agent does not allow, as a dotted path; undefined when all are allowed. */
  refusedOverride(agent: AgentRecord, init: InitiationData): string | undefined;
  /** The `error` event, or undefined where the profile has none. */
  error(code: string, message: string, details?: Record<string, unknown>): ServerMessage | undefined;
}
