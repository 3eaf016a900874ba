/**
 * Crash recovery of the live kinds that keep no creation token and hold write-only inputs:
 * text and file documents, phone numbers (README "Crash recovery and adoption without
 * `metadata`"). Against a live emulator; every orphan exists before the provider's first listing,
 * as a crashed run's orphans exist before the next run's provider starts.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { knowledgeBaseDocumentHandler as docs } from "../../../provider/handlers/knowledge-base-document";
import { phoneNumberHandler as numbers } from "../../../provider/handlers/phone-number";
import { FIXTURES } from "../../support/profile-fixtures";
import { checked, token, useEmulator } from "./harness";

const fx = FIXTURES.live;
const ctx = useEmulator("live");
const CONTENT = "GET /v1/convai/knowledge-base/{documentation_id}/content";

type Json = Record<string, any>;
const raw = (method: "GET" | "POST", path: string, body?: unknown) => ctx.emulator.api(method, path, body);
const namedDocs = async (name: string): Promise<Json[]> =>
  (await raw("GET", "/knowledge-base?page_size=100")).body.documents.filter((d: Json) => d.name === name);
const sameNumber = async (phoneNumber: string): Promise<Json[]> =>
  (await raw("GET", "/phone-numbers")).body.filter((n: Json) => n.phone_number === phoneNumber);

const names = { same: token("same"), other: token("other"), file: token("file"), otherFile: token("file") };
const orphans: Record<string, string> = {};
let agentId: string;
let uploaded: string;
const number = (phoneNumber: string) => ({ ...fx.phoneNumber(agentId), phoneNumber });
const twilioBody = (n: Json, extra: Json = {}) => ({
  provider: "twilio",
  phone_number: n.phoneNumber,
  label: n.label,
  sid: n.sid,
  token: n.token,
  agent_id: n.agentId,
  ...extra,
});

beforeAll(async () => {
  agentId = await fx.makeAgentOutOfBand(ctx.emulator);
  const text = async (name: string, body: string) =>
    (await raw("POST", "/knowledge-base/text", { name, text: body })).body.id as string;
  orphans.same = await text(names.same, "Open 9 to 5.");
  orphans.other = await text(names.other, "Open 9 to 5.");
  uploaded = join(mkdtempSync(join(tmpdir(), "kb-")), "hours.txt");
  writeFileSync(uploaded, "Open 9 to 5.");
  const upload = async (name: string, bytes: string) => {
    const form = new FormData();
    form.append("file", new Blob([bytes]), "hours.txt");
    form.append("name", name);
    const res = await fetch(`${ctx.emulator.baseUrl}/knowledge-base/file`, {
      method: "POST",
      headers: { "xi-api-key": ctx.emulator.apiKey },
      body: form,
    });
    return ((await res.json()) as Json).id as string;
  };
  orphans.file = await upload(names.file, "Open 9 to 5.");
  orphans.otherFile = await upload(names.otherFile, "Open 9 to 6.");
  orphans.identicalNumber = (
    await raw("POST", "/phone-numbers", twilioBody(number("+14155550177")))
  ).body.phone_number_id;
  orphans.theirNumber = (
    await raw("POST", "/phone-numbers", twilioBody(number("+14155550178"), { label: "Their line", token: "theirs" }))
  ).body.phone_number_id;
});

describe("live text and file documents after a crash", () => {
  const doc = (name: string, text: string) => ({ name, text, creationToken: token("doc") });

  it("a same-named text document whose content reads back identical is the orphan: taken, not made twice", async () => {
    await ctx.emulator.resetStats();
    const created = await docs.create(await checked(docs, doc(names.same, "Open 9 to 5.")));
    expect(created.id).toBe(orphans.same);
    const stats = await ctx.emulator.stats();
    expect(stats.byRoute["POST /v1/convai/knowledge-base/text"] ?? 0).toBe(0);
    expect(stats.byRoute[CONTENT]).toBe(1);
    expect((await namedDocs(names.same)).map((d) => d.id)).toEqual([orphans.same]);
    // Recorded like any create: the next diff is empty.
    expect(
      (await docs.diff(created.id, created.outs!, await checked(docs, doc(names.same, "Open 9 to 5.")))).changes,
    ).toBe(false);
  });

  it("a same-named text document with other content is never touched: a new one is made", async () => {
    const ours = await docs.create(await checked(docs, doc(names.other, "Open 9 to 6.")));
    expect(ours.id).not.toBe(orphans.other);
    expect((await namedDocs(names.other)).map((d) => d.id).sort()).toEqual([orphans.other, ours.id].sort());
    const content = await fetch(`${ctx.emulator.baseUrl}/knowledge-base/${orphans.other}/content`, {
      headers: { "xi-api-key": ctx.emulator.apiKey },
    });
    expect(await content.text()).toBe("Open 9 to 5.");
  });

  it("a text document whose create answer is lost is found by its content, never made twice", async () => {
    const lost = [token("lost"), token("lost"), token("lost")];
    await ctx.emulator.setFaults({
      lostResponseBurst: { count: 2 },
      lostResponseAs: 504,
      routes: ["POST /v1/convai/knowledge-base/text"],
    });
    const made = await Promise.all(
      lost.map(async (name) => docs.create(await checked(docs, doc(name, `About ${name}.`)))),
    );
    expect((await ctx.emulator.stats()).byStatus["504"]).toBe(2);
    for (const [i, name] of lost.entries()) expect((await namedDocs(name)).map((d) => d.id)).toEqual([made[i]!.id]);
  });

  it("a same-named file whose original (signed download) hashes the same is the orphan: taken", async () => {
    await ctx.emulator.resetStats();
    const created = await docs.create(
      await checked(docs, { name: names.file, filePath: uploaded, creationToken: token("doc") }),
    );
    expect(created.id).toBe(orphans.file);
    const stats = await ctx.emulator.stats();
    expect(stats.byRoute["POST /v1/convai/knowledge-base/file"] ?? 0).toBe(0);
    expect(stats.byRoute["GET /v1/convai/knowledge-base/{documentation_id}/source-file-url"]).toBe(1);
    expect((await namedDocs(names.file)).map((d) => d.id)).toEqual([orphans.file]);
  });

  it("a same-named file with other bytes is never touched: a new one is made", async () => {
    const ours = await docs.create(
      await checked(docs, { name: names.otherFile, filePath: uploaded, creationToken: token("doc") }),
    );
    expect(ours.id).not.toBe(orphans.otherFile);
    expect((await namedDocs(names.otherFile)).map((d) => d.id).sort()).toEqual([orphans.otherFile, ours.id].sort());
  });

  it("the signed download needs its signature, and no API key", async () => {
    const { signed_url } = (await raw("GET", `/knowledge-base/${orphans.file}/source-file-url`)).body;
    const ok = await fetch(signed_url);
    expect([ok.status, await ok.text()]).toEqual([200, "Open 9 to 5."]);
    const forged = new URL(signed_url);
    forged.searchParams.set("signature", "1.forged");
    expect((await fetch(forged)).status).toBe(403);
    expect((await raw("GET", `/knowledge-base/${orphans.same}/source-file-url`)).status).toBe(400);
  });
});

describe("live phone numbers after a crash", () => {
  it("a number already imported stops the create, naming it and adoptId, even when everything readable matches", async () => {
    const inputs = await checked(numbers, { ...number("+14155550177"), creationToken: token("pn") });
    await ctx.emulator.resetStats();
    const error = await numbers.create(inputs).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ALREADY_EXISTS" });
    const message = (error as Error).message;
    expect(message).toContain(`"+14155550177" is already taken by ${orphans.identicalNumber}`);
    expect(message).toContain(`adoptId: "${orphans.identicalNumber}"`);
    expect(message).not.toContain(fx.phoneNumber(agentId).token);
    const stats = await ctx.emulator.stats();
    expect(stats.byRoute["POST /v1/convai/phone-numbers"] ?? 0).toBe(0);
    expect(stats.byRoute["PATCH /v1/convai/phone-numbers/{phone_number_id}"] ?? 0).toBe(0);
    expect(await sameNumber("+14155550177")).toHaveLength(1);

    // What the error tells the user to do: adopt it, and it converges to the program.
    const adopted = await numbers.create(
      await checked(numbers, {
        ...number("+14155550177"),
        label: "Adopted line",
        adoptId: orphans.identicalNumber,
        creationToken: inputs.creationToken,
      }),
    );
    expect(adopted.id).toBe(orphans.identicalNumber);
    expect((await raw("GET", `/phone-numbers/${adopted.id}`)).body.label).toBe("Adopted line");
  });

  it("a number whose import answer is lost is the one the create made (the number was free before): no error, no second", async () => {
    await ctx.emulator.setFaults({
      lostResponseBurst: { count: 1 },
      lostResponseAs: 504,
      routes: ["POST /v1/convai/phone-numbers"],
    });
    const created = await numbers.create(
      await checked(numbers, { ...number("+14155550179"), creationToken: token("pn") }),
    );
    const stats = await ctx.emulator.stats();
    expect([stats.byStatus["504"], stats.byRoute["POST /v1/convai/phone-numbers"]]).toEqual([1, 1]);
    expect((await sameNumber("+14155550179")).map((n) => n.phone_number_id)).toEqual([created.id]);
  });

  it("a same number that differs from the program is never touched", async () => {
    const error = await numbers
      .create(await checked(numbers, { ...number("+14155550178"), creationToken: token("pn") }))
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain(`already taken by ${orphans.theirNumber}`);
    const [theirs, ...more] = await sameNumber("+14155550178");
    expect(more).toEqual([]);
    expect(theirs).toMatchObject({ phone_number_id: orphans.theirNumber, label: "Their line" });
  });
});
