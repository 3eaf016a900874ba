import type { IncomingMessage } from "node:http";
import type { App } from "./app";

export interface RequestContext {
  app: App;
  req: IncomingMessage;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Decoded `{name}` segments of the matched template. */
  params: Record<string, string>;
  requestId: string;
}

export type Reply =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { status: number; raw: Buffer; contentType: string };

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

interface Route {
  method: string;
  template: string;
  parts: string[];
  literals: number;
  handler: Handler;
}

export interface Match {
  route?: Route;
  /** The template of the best path match, for stats and faults, even when the method is wrong. */
  template?: string;
  params: Record<string, string>;
  /** Methods the path supports, for 405 `Allow`. */
  allowed: string[];
}

/**
 * Route templates (`/agents/{agent_id}`) to handlers. When several templates match a path the
 * one with more literal segments wins, so `/knowledge-base/compute-index` beats
 * `/knowledge-base/{document_id}`.
 */
export class Router {
  private routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    const parts = template.split("/").filter(Boolean);
    const literals = parts.filter((p) => !p.startsWith("{")).length;
    this.routes.push({ method, template, parts, literals, handler });
    return this;
  }

  /** Every route, as `{ method, template }` (for tests that cover each endpoint). */
  list(): { method: string; template: string }[] {
    return this.routes.map(({ method, template }) => ({ method, template }));
  }

  match(method: string, path: string): Match {
    const segments = path.split("/").filter(Boolean);
    let best: Route | undefined;
    let bestParams: Record<string, string> = {};
    let pathBest: Route | undefined;
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      allowed.add(route.method);
      if (!pathBest || route.literals > pathBest.literals) pathBest = route;
      if (route.method === method && (!best || route.literals > best.literals)) {
        best = route;
        bestParams = params;
      }
    }
    return { route: best, template: (best ?? pathBest)?.template, params: bestParams, allowed: [...allowed] };
  }
}

function matchParts(parts: string[], segments: string[]): Record<string, string> | undefined {
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const segment = segments[i] as string;
    if (part.startsWith("{")) {
      try {
        params[part.slice(1, -1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}
