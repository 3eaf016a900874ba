import { request } from "undici";
import { startEmulator } from "../../../emulator";
import type { FaultConfig } from "../../../emulator/faults";
import type { StatsSnapshot } from "../../../emulator/stats";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/**
 * The emulator as an e2e test sees it: started on 127.0.0.1 port 0 by the test, plus a raw API
 * caller for out-of-band edits and checks (what someone clicking in the dashboard would do).
 */
export class EmulatorFixture {
  private constructor(readonly emu: Emulator) {}

  static async start(options: Parameters<typeof startEmulator>[0] = {}): Promise<EmulatorFixture> {
    return new EmulatorFixture(
      await startEmulator({ testEndpoints: true, rateLimit: 0, kbProcessingDelayMs: 50, ...options }),
    );
  }

  get baseUrl() {
    return this.emu.baseUrl;
  }
  get apiKey() {
    return this.emu.apiKey;
  }

  async api<T = any>(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await request(`${this.emu.baseUrl}${path}`, {
      method,
      headers: { "xi-api-key": this.emu.apiKey, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Every object of a list route, following pagination. */
  async listAll(path: string, itemsKey: string): Promise<any[]> {
    const items: any[] = [];
    for (let page = 0; ; page++) {
      const sep = path.includes("?") ? "&" : "?";
      const { body } = await this.api("GET", `${path}${sep}page=${page}&page_size=100`);
      items.push(...(body[itemsKey] ?? []));
      if (!body.pagination?.has_more) return items;
    }
  }

  async stats(): Promise<StatsSnapshot> {
    const res = await request(`${this.emu.url}/_emulator/stats`);
    return (await res.body.json()) as StatsSnapshot;
  }

  async resetStats(): Promise<void> {
    await (await request(`${this.emu.url}/_emulator/stats/reset`, { method: "POST" })).body.text();
  }

  async setFaults(faults: FaultConfig): Promise<void> {
    await (
      await request(`${this.emu.url}/_emulator/faults`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(faults),
      })
    ).body.text();
  }

  async clearFaults(): Promise<void> {
    await (await request(`${this.emu.url}/_emulator/faults`, { method: "DELETE" })).body.text();
  }

  close() {
    return this.emu.close();
  }
}

/** Pulumi program preamble: the provider reads these from stack config, as a user's stack would. */
export async function pointStackAt(
  project: { setConfig(k: string, v: string, o?: { secret?: boolean }): Promise<void> },
  emu: EmulatorFixture,
) {
  await project.setConfig("elevenlabs:baseUrl", emu.baseUrl);
  await project.setConfig("elevenlabs:apiKey", emu.apiKey, { secret: true });
}
