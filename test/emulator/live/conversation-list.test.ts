/** The live conversation list's filters (PY `conversations/raw_client.py` list), against a live emulator. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../../support/test-emulator";
import { expect422, LIVE } from "./helpers";

let t: TestEmulator;
const ids: Record<string, string> = {};
const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

beforeAll(async () => {
  t = await TestEmulator.start(LIVE);
  const agent = (await t.api("POST", "/agents/create", { name: "A", conversation_config: {} })).body.agent_id;
  const seed = async (key: string, body: Record<string, unknown>) => {
    ids[key] = (await t.seedConversation({ agent_id: agent, ...body })).conversation_id;
  };
  await seed("short", { status: "done", created_at: "2025-01-01T10:00:00Z", duration_seconds: 5 });
  await seed("long", {
    status: "done",
    created_at: "2025-01-02T10:00:00Z",
    duration_seconds: 300,
    analysis: { call_successful: "success" },
  });
  await seed("failed", { status: "failed", created_at: "2025-01-03T10:00:00Z", duration_seconds: 30 });
});
afterAll(async () => {
  await t?.close();
});

const list = async (query: string) =>
  ((await t.api("GET", `/conversations?${query}`)).body.conversations as { conversation_id: string }[])
    .map((c) => c.conversation_id)
    .sort();
const of = (...keys: string[]) => keys.map((k) => ids[k]).sort();

describe("GET /v1/convai/conversations (live)", () => {
  it("filters by unix start (ten digits), duration, success verdict and excluded statuses (repeated)", async () => {
    expect(await list(`call_start_after_unix=${unix("2025-01-02T00:00:00Z")}`)).toEqual(of("long", "failed"));
    expect(await list(`call_start_before_unix=${unix("2025-01-02T10:00:00Z")}`)).toEqual(of("short"));
    expect(await list("call_duration_min_secs=10&call_duration_max_secs=100")).toEqual(of("failed"));
    expect(await list("call_successful=success")).toEqual(of("long"));
    expect(await list("exclude_statuses=failed&exclude_statuses=in-progress")).toEqual(of("short", "long"));
  });

  it("refuses a value outside the vendor's enums with a 422 naming the parameter", async () => {
    expect(expect422(await t.api("GET", "/conversations?call_successful=yes"))).toEqual(["query.call_successful"]);
    expect(expect422(await t.api("GET", "/conversations?exclude_statuses=gone"))).toEqual(["query.exclude_statuses"]);
    expect(expect422(await t.api("GET", "/conversations?call_start_after_unix=soon"))).toEqual([
      "query.call_start_after_unix",
    ]);
  });
});
