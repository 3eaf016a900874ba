/** The client speaks its profile: routes, query-carried ids, constants, paging, and the other profile's answers. */
import { describe, expect, it } from "vitest";
import { ElevenLabsClient } from "../../../provider/client/client";
import { ProfileMismatchError } from "../../../provider/errors";
import { useEmulatorClient } from "./emulator-harness";
import { FAST, json, SECRET_KEY, startLocalServer } from "./local-server";

async function withServer<T>(
  handler: Parameters<typeof startLocalServer>[0],
  profile: "seed" | "live",
  use: (client: ElevenLabsClient, requests: { method: string; url: string; body: string }[]) => Promise<T>,
): Promise<T> {
  const server = await startLocalServer(handler);
  const client = new ElevenLabsClient({ apiKey: SECRET_KEY, baseUrl: server.baseUrl, profile, ...FAST });
  try {
    return await use(client, server.requests);
  } finally {
    await client.close();
    await server.close();
  }
}

describe("route resolution per profile", () => {
  it("agents.signedUrl: the agent id in the path (seed), in the query of get-signed-url (live)", async () => {
    const answer = (_req: unknown, res: Parameters<typeof json>[0]) => json(res, 200, { signed_url: "wss://x" });
    const seen: string[] = [];
    for (const profile of ["seed", "live"] as const) {
      await withServer(answer, profile, async (client, requests) => {
        expect(await client.request("agents.signedUrl", { path: { agent_id: "agent 1" } })).toEqual({
          signed_url: "wss://x",
        });
        seen.push(requests[0]!.url);
      });
    }
    expect(seen).toEqual([
      "/v1/convai/agents/agent%201/signed-url",
      "/v1/convai/conversation/get-signed-url?agent_id=agent+1",
    ]);
  });

  it("a route the profile lacks is refused before any request, naming the profile", async () => {
    await withServer(
      (_req, res) => json(res, 200, {}),
      "live",
      async (client, requests) => {
        const error = await client.request("knowledgeBase.computeIndex", { path: { agent_id: "a" } }).catch((e) => e);
        expect(error).toMatchObject({ code: "NOT_SUPPORTED" });
        expect((error as Error).message).toContain("not part of the live API profile");
        expect(requests).toHaveLength(0);
      },
    );
  });

  it("live secret writes carry the route's constant `type`", async () => {
    await withServer(
      (_req, res) => json(res, 200, { type: "stored", secret_id: "s1", name: "K" }),
      "live",
      async (client, requests) => {
        await client.request("workspace.createSecret", { body: { name: "K", value: "v" } });
        await client.request("workspace.updateSecret", { path: { secret_id: "s1" }, body: { name: "K", value: "w" } });
        expect(requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
          'POST /v1/convai/secrets {"type":"new","name":"K","value":"v"}',
          'PATCH /v1/convai/secrets/s1 {"type":"update","name":"K","value":"w"}',
        ]);
      },
    );
  });
});

describe("live paging", () => {
  it("follows next_cursor until has_more is false", async () => {
    const pages: Record<string, unknown> = {
      "": { agents: [{ agent_id: "a1" }, { agent_id: "a2" }], next_cursor: "c2", has_more: true },
      c2: { agents: [{ agent_id: "a3" }], next_cursor: null, has_more: false },
    };
    await withServer(
      (req, res) => json(res, 200, pages[new URL(req.url, "http://x").searchParams.get("cursor") ?? ""]),
      "live",
      async (client, requests) => {
        const ids = (await client.listAll<{ agent_id: string }>("agents.list", { pageSize: 2 })).map((a) => a.agent_id);
        expect(ids).toEqual(["a1", "a2", "a3"]);
        expect(requests.map((r) => r.url)).toEqual([
          "/v1/convai/agents?page_size=2",
          "/v1/convai/agents?cursor=c2&page_size=2",
        ]);
      },
    );
  });

  it("stops on a missing next_cursor (secrets answer no has_more) and reads the unpaged phone-number array once", async () => {
    await withServer(
      (req, res) =>
        req.url.startsWith("/v1/convai/secrets")
          ? json(res, 200, { secrets: [{ secret_id: "s1" }], next_cursor: null })
          : json(res, 200, [{ phone_number_id: "p1" }, { phone_number_id: "p2" }]),
      "live",
      async (client, requests) => {
        expect(await client.listAll("workspace.listSecrets")).toEqual([{ secret_id: "s1" }]);
        expect(await client.listAll("phoneNumbers.list")).toEqual([
          { phone_number_id: "p1" },
          { phone_number_id: "p2" },
        ]);
        expect(requests.map((r) => r.url)).toEqual(["/v1/convai/secrets?page_size=100", "/v1/convai/phone-numbers"]);
      },
    );
  });
});

describe("a client speaking the live profile to a seed emulator", () => {
  const ctx = useEmulatorClient({ profile: "live" });
  it("fails on its first create with an error naming the profile mismatch, not a bare 404", async () => {
    const error = await ctx.client
      .request("agents.create", { body: { name: "x", conversation_config: {} } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileMismatchError);
    expect((error as Error).message).toContain("in the seed API's error format");
    expect((error as Error).message).toContain("the provider speaks the live API profile");
    expect((error as Error).message).toContain('"seed"');
  });
});

describe("a client speaking the seed profile to a live emulator", () => {
  const ctx = useEmulatorClient({ profile: "seed" }, { profile: "live" });
  it("fails on its first create with an error naming the profile mismatch", async () => {
    const error = await ctx.client.request("agents.create", { body: { name: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileMismatchError);
    expect((error as Error).message).toContain("in the live API's error format");
    expect((error as Error).message).toContain('"live"');
  });
});
