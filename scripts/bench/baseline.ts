/**
 * The best a hand-written client could do for the same stack: plain undici calls, no engine, no
 * state, at the concurrency the provider uses (the engine's `--parallel` 8 and the provider's
 * limiter's 8 in flight). Dependencies are kept as the engine keeps them (a tool before the
 * agents that use it, an agent before its documents; the reverse on delete), each call starting
 * as soon as what it needs is done. Documents are polled until `ready` at the provider's interval.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, type Dispatcher } from "undici";
import { firstMessage, PROMPT, type StackShape, toolEventName } from "./stack-shape";

export const CONCURRENCY = 8;
const POLL_MS = 100;

interface Ids {
  tools: string[];
  agents: string[];
  documents: string[];
}

/** A counting semaphore: at most `CONCURRENCY` requests in flight. */
class Gate {
  private free = CONCURRENCY;
  private waiting: (() => void)[] = [];
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

export class Baseline {
  private readonly dispatcher = new Agent({ connections: CONCURRENCY });
  private readonly gate = new Gate();
  private ids: Ids = { tools: [], agents: [], documents: [] };

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly shape: StackShape,
  ) {}

  private async call(method: Dispatcher.HttpMethod, path: string, body?: unknown): Promise<any> {
    return this.gate.run(async () => {
      const res = await this.dispatcher.request({
        origin: new URL(this.baseUrl).origin,
        path: new URL(this.baseUrl).pathname + path,
        method,
        headers: {
          "xi-api-key": this.apiKey,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.body.text();
      if (res.statusCode >= 300) throw new Error(`baseline ${method} ${path}: ${res.statusCode} ${text}`);
      return text ? JSON.parse(text) : undefined;
    });
  }

  async create(): Promise<void> {
    const { tools, agents, documents } = this.shape;
    const toolIds = tools.map((t, i) =>
      this.call("POST", "/tools", {
        type: "client",
        name: t.name,
        client_tool: { event_name: toolEventName(i), parameters: [] },
      }).then((r) => r.tool_id as string),
    );
    const agentIds = agents.map(async (a, i) => {
      const ids = await Promise.all(a.tools.map((t) => toolIds[t] as Promise<string>));
      const r = await this.call("POST", "/agents", {
        name: a.name,
        conversation_config: {
          agent: { first_message: firstMessage(i, 0), prompt: { prompt: PROMPT, tool_ids: ids } },
        },
      });
      return r.agent_id as string;
    });
    const docIds = documents.map(async (d) => {
      const agentId = await (agentIds[d.agent] as Promise<string>);
      const r = await this.call("POST", `/agents/${agentId}/knowledge-base/text`, { name: d.name, text: d.text });
      let status = r.status;
      while (status !== "ready") {
        if (status === "failed") throw new Error(`baseline: document ${d.name} failed`);
        await sleep(POLL_MS);
        status = (await this.call("GET", `/agents/${agentId}/knowledge-base/${r.document_id}`)).status;
      }
      return r.document_id as string;
    });
    this.ids = {
      tools: await Promise.all(toolIds),
      agents: await Promise.all(agentIds),
      documents: await Promise.all(docIds),
    };
  }

  /** What `preview --refresh` needs to know: every object read once. */
  async readAll(): Promise<void> {
    await Promise.all([
      ...this.ids.tools.map((id) => this.call("GET", `/tools/${id}`)),
      ...this.ids.agents.map((id) => this.call("GET", `/agents/${id}`)),
      ...this.shape.documents.map((d, i) =>
        this.call("GET", `/agents/${this.ids.agents[d.agent]}/knowledge-base/${this.ids.documents[i]}`),
      ),
    ]);
  }

  async updateAgents(version: number): Promise<void> {
    await Promise.all(
      this.ids.agents.map((id, i) =>
        this.call("PATCH", `/agents/${id}`, {
          conversation_config: { agent: { first_message: firstMessage(i, version) } },
        }),
      ),
    );
  }

  async destroy(): Promise<void> {
    const docsOf = (agent: number) =>
      this.shape.documents.flatMap((d, i) =>
        d.agent === agent
          ? [this.call("DELETE", `/agents/${this.ids.agents[agent]}/knowledge-base/${this.ids.documents[i]}`)]
          : [],
      );
    const agentsGone = this.ids.agents.map(async (id, i) => {
      await Promise.all(docsOf(i));
      await this.call("DELETE", `/agents/${id}`);
    });
    const toolsGone = this.ids.tools.map(async (id, t) => {
      await Promise.all(this.shape.agents.flatMap((a, i) => (a.tools.includes(t) ? [agentsGone[i]] : [])));
      await this.call("DELETE", `/tools/${id}`);
    });
    await Promise.all([...agentsGone, ...toolsGone]);
    this.ids = { tools: [], agents: [], documents: [] };
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}
