/**
 * Route names and how a route is described. The tables themselves are API-profile data
 * (`provider/profiles/{seed,live}/routes.ts`): handlers and functions name a route
 * (`"agents.create"`), the client resolves it through its profile. Paths are relative to the
 * base URL (`…/v1/convai`); `{name}` segments are filled by `buildTarget`, which percent-encodes them.
 */
export const ROUTE_NAMES = [
  "agents.create",
  "agents.get",
  "agents.update",
  "agents.delete",
  "agents.list",
  "agents.signedUrl",
  "conversations.get",
  "conversations.list",
  "conversations.feedback",
  "conversations.outboundCall",
  "tools.create",
  "tools.get",
  "tools.update",
  "tools.delete",
  "tools.list",
  "knowledgeBase.createFromFile",
  "knowledgeBase.createFromUrl",
  "knowledgeBase.createFromText",
  "knowledgeBase.list",
  "knowledgeBase.get",
  "knowledgeBase.delete",
  "knowledgeBase.computeIndex",
  "knowledgeBase.content",
  "knowledgeBase.chunk",
  "knowledgeBase.sourceFileUrl",
  "phoneNumbers.create",
  "phoneNumbers.list",
  "phoneNumbers.get",
  "phoneNumbers.update",
  "phoneNumbers.delete",
  "widget.get",
  "widget.update",
  "widget.uploadAvatar",
  "workspace.getSettings",
  "workspace.updateSettings",
  "workspace.listSecrets",
  "workspace.getSecret",
  "workspace.createSecret",
  "workspace.updateSecret",
  "workspace.deleteSecret",
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export type ListRouteName =
  | "agents.list"
  | "conversations.list"
  | "tools.list"
  | "knowledgeBase.list"
  | "phoneNumbers.list"
  | "workspace.listSecrets";

/**
 * How a list route pages: `pages` (page/page_size and a `pagination` object: the contract),
 * `cursor` (cursor/page_size, `next_cursor` and `has_more`), `array` (a bare JSON array, unpaged).
 */
export type Paging = "pages" | "cursor" | "array";

/**
 * What an update route expects as its body:
 * - `merge-patch`: only what changed, nested objects merged (the contract);
 * - `whole-objects`: every top-level object it names sent whole (the live agent PATCH, whose
 *   nested-object semantics no source states: sending whole objects is right either way);
 * - `whole`: the full desired object (the live tool and secret updates require it).
 */
export type UpdateBody = "merge-patch" | "whole-objects" | "whole";

export interface RouteSpec {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  /** Parameters the caller gives as path values that this route takes in the query string instead. */
  query?: readonly string[];
  /** For list routes: the key of the array in the response body (unused for `array` paging). */
  items?: string;
  /** For list routes. @default "pages" */
  paging?: Paging;
  /** For update routes. @default "merge-patch" */
  update?: UpdateBody;
  /** For multipart uploads: the form field that carries the file. @default "file" */
  fileField?: string;
  /** Fields a JSON body always carries (the live secret routes' `type`). */
  constants?: Record<string, string>;
  /** What a success answers: JSON unless `text` (the live document content), then the body as a string. */
  answers?: "text";
  /** The answer is this field of the JSON body (the contract's document content: `{content}`). */
  answerField?: string;
}

/** A profile's routes: a route it lacks does not exist in that API. */
export type RouteTable = Partial<Record<RouteName, RouteSpec>>;

/**
 * The path (segments percent-encoded) and the extra query values of a route called with `params`.
 * A missing path value is a programming error; values the route does not use are ignored.
 */
export function buildTarget(
  spec: RouteSpec,
  params: Record<string, string> = {},
): { path: string; query: Record<string, string>; used: string[] } {
  const used: string[] = [];
  const path = spec.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === "") throw new TypeError(`missing path parameter "${name}" for ${spec.path}`);
    used.push(value);
    return encodeURIComponent(value);
  });
  const query: Record<string, string> = {};
  for (const name of spec.query ?? []) {
    const value = params[name];
    if (value === undefined || value === "") throw new TypeError(`missing parameter "${name}" for ${spec.path}`);
    query[name] = value;
    used.push(value);
  }
  return { path, query, used };
}
