import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { waitFor } from "../support/wait-for";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-persist-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("persistence", () => {
  it("keeps every object across a restart with the same data directory", async () => {
    const first = await TestEmulator.start({ dataDir });
    const { body: agent } = await first.api("POST", "/agents", { name: "Persisted", extra: [1] });
    await first.api("PATCH", `/agents/${agent.agent_id}`, { name: "Persisted 2" });
    const { body: tool } = await first.api("POST", "/tools", { type: "client", name: "t" });
    const { body: doc } = await first.api("POST", `/agents/${agent.agent_id}/knowledge-base/text`, {
      name: "d",
      text: "Some text.",
    });
    await waitFor(async () =>
      (await first.api("GET", `/agents/${agent.agent_id}/knowledge-base/${doc.document_id}`)).body.status === "ready"
        ? true
        : undefined,
    );
    const { body: pn } = await first.api("POST", "/phone-numbers", { country: "US" });
    const { body: secret } = await first.api("POST", "/workspace/secrets", { name: "K", value: "v" });
    await first.api("PATCH", "/workspace/settings", { name: "Renamed WS" });
    const conv = await first.seedConversation({ agent_id: agent.agent_id });
    const { body: gone } = await first.api("POST", "/tools", { type: "client", name: "gone" });
    await first.api("DELETE", `/tools/${gone.tool_id}`);
    const before = {
      agent: (await first.api("GET", `/agents/${agent.agent_id}`)).body,
      doc: (await first.api("GET", `/agents/${agent.agent_id}/knowledge-base/${doc.document_id}`)).body,
    };
    await first.close();

    const second = await TestEmulator.start({ dataDir });
    try {
      expect((await second.api("GET", `/agents/${agent.agent_id}`)).body).toEqual(before.agent);
      expect((await second.api("GET", `/tools/${tool.tool_id}`)).status).toBe(200);
      expect((await second.api("GET", `/tools/${gone.tool_id}`)).status).toBe(404);
      expect((await second.api("GET", `/agents/${agent.agent_id}/knowledge-base/${doc.document_id}`)).body).toEqual(
        before.doc,
      );
      expect(
        (await second.api("GET", `/agents/${agent.agent_id}/knowledge-base/${doc.document_id}/content`)).body.content,
      ).toBe("Some text.");
      expect((await second.api("GET", `/phone-numbers/${pn.phone_number_id}`)).body.phone_number).toBe(pn.phone_number);
      expect((await second.api("GET", "/workspace/secrets")).body.secrets[0].secret_id).toBe(secret.secret_id);
      expect((await second.api("GET", "/workspace/settings")).body.name).toBe("Renamed WS");
      expect((await second.api("GET", `/conversations/${conv.conversation_id}`)).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it("finishes documents a previous process left processing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-resume-"));
    const first = await TestEmulator.start({ dataDir: dir, kbProcessingDelayMs: 60_000 });
    const { body: agent } = await first.api("POST", "/agents", { name: "a" });
    const { body: doc } = await first.api("POST", `/agents/${agent.agent_id}/knowledge-base/text`, {
      name: "d",
      text: "x",
    });
    await first.close();
    const second = await TestEmulator.start({ dataDir: dir, kbProcessingDelayMs: 20 });
    try {
      await waitFor(async () =>
        (await second.api("GET", `/agents/${agent.agent_id}/knowledge-base/${doc.document_id}`)).body.status === "ready"
          ? true
          : undefined,
      );
    } finally {
      await second.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
