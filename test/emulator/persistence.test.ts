import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startTestEmulator, waitFor } from "./helpers";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-persist-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("persistence", () => {
  it("keeps every object across a restart with the same data directory", async () => {
    const first = await startTestEmulator({ dataDir });
    const { body: agent } = await first.call("POST", "/agents", { name: "Persisted", extra: [1] });
    await first.call("PATCH", `/agents/${agent.agent_id}`, { name: "Persisted 2" });
    const { body: tool } = await first.call("POST", "/tools", { type: "client", name: "t" });
    const { body: doc } = await first.call("POST", `/agents/${agent.agent_id}/knowledge-base/text`, {
      name: "d",
      text: "Some text.",
    });
    await waitFor(async () =>
      (await first.call("GET", `/agents/${agent.agent_id}/knowledge-base/${doc.document_id}`)).body.status === "ready"
        ? true
        : undefined,
    );
    const { body: pn } = await first.call("POST", "/phone-numbers", { country: "US" });
    const { body: secret } = await first.call("POST", "/workspace/secrets", { name: "K", value: "v" });
    await first.call("PATCH", "/workspace/settings", { name: "Renamed WS" });
    const { body: conv } = await first.call("POST", "/_emulator/conversations", { agent_id: agent.agent_id });
    const { body: gone } = await first.call("POST", "/tools", { type: "client", name: "gone" });
    await first.call("DELETE", `/tools/${gone.tool_id}`);
    const before = {
      agent: (await first.call("GET", `/agents/${agent.agent_id}`)).body,
      doc: (await first.call("GET", `/agents/${agent.agent_id}/knowledge-base/${doc.document_id}`)).body,
    };
    await first.emu.close();

    const second = await startTestEmulator({ dataDir });
    try {
      expect((await second.call("GET", `/agents/${agent.agent_id}`)).body).toEqual(before.agent);
      expect((await second.call("GET", `/tools/${tool.tool_id}`)).status).toBe(200);
      expect((await second.call("GET", `/tools/${gone.tool_id}`)).status).toBe(404);
      expect((await second.call("GET", `/agents/${agent.agent_id}/knowledge-base/${doc.document_id}`)).body).toEqual(
        before.doc,
      );
      expect(
        (await second.call("GET", `/agents/${agent.agent_id}/knowledge-base/${doc.document_id}/content`)).body.content,
      ).toBe("Some text.");
      expect((await second.call("GET", `/phone-numbers/${pn.phone_number_id}`)).body.phone_number).toBe(
        pn.phone_number,
      );
      expect((await second.call("GET", "/workspace/secrets")).body.secrets[0].secret_id).toBe(secret.secret_id);
      expect((await second.call("GET", "/workspace/settings")).body.name).toBe("Renamed WS");
      expect((await second.call("GET", `/conversations/${conv.conversation_id}`)).status).toBe(200);
    } finally {
      await second.emu.close();
    }
  });

  it("finishes documents a previous process left processing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-resume-"));
    const first = await startTestEmulator({ dataDir: dir, kbProcessingDelayMs: 60_000 });
    const { body: agent } = await first.call("POST", "/agents", { name: "a" });
    const { body: doc } = await first.call("POST", `/agents/${agent.agent_id}/knowledge-base/text`, {
      name: "d",
      text: "x",
    });
    await first.emu.close();
    const second = await startTestEmulator({ dataDir: dir, kbProcessingDelayMs: 20 });
    try {
      await waitFor(async () =>
        (await second.call("GET", `/agents/${agent.agent_id}/knowledge-base/${doc.document_id}`)).body.status ===
        "ready"
          ? true
          : undefined,
      );
    } finally {
      await second.emu.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
