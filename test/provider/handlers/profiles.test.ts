/**
 * The handlers' lifecycle in both API profiles, against an emulator speaking that profile: the
 * same tests, each profile's program (test/support/profile-fixtures.ts).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configure, getClient } from "../../../provider";
import { agentHandler } from "../../../provider/handlers/agent";
import { knowledgeBaseDocumentHandler } from "../../../provider/handlers/knowledge-base-document";
import { phoneNumberHandler } from "../../../provider/handlers/phone-number";
import { toolHandler } from "../../../provider/handlers/tool";
import { widgetHandler } from "../../../provider/handlers/widget";
import { workspaceSecretHandler } from "../../../provider/handlers/workspace-secret";
import { workspaceSettingsHandler } from "../../../provider/handlers/workspace-settings";
import { codecIn } from "../../../provider/profiles/index";
import { FIXTURES, PROFILES, SECRET_HEADER, TWILIO_TOKEN } from "../../support/profile-fixtures";
import { checked, hasUndefined, token, useEmulator } from "./harness";

describe.each(PROFILES)("in the $profile API profile", (fx) => {
  const ctx = useEmulator(fx.profile);
  const other = fx.profile === "seed" ? FIXTURES.live : FIXTURES.seed;

  it("Agent: create, read and diff agree (no phantom diff), zero API calls for the diff", async () => {
    const inputs = await checked(agentHandler, { ...fx.agent, creationToken: token("agent") });
    const { id, outs } = (await agentHandler.create(inputs)) as { id: string; outs: Record<string, any> };
    expect(outs.agentId).toBe(id);
    expect(hasUndefined(outs)).toBe(false);
    await ctx.emulator.resetStats();
    expect((await agentHandler.diff(id, outs, inputs)).changes).toBe(false);
    expect((await ctx.emulator.stats()).total).toBe(0);
    const read = await agentHandler.read(id, outs);
    expect(read.inputs).toEqual(inputs);
    expect((await agentHandler.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it("Agent: an edit is exactly one changed key, sent once, and reads back with no diff", async () => {
    const inputs = await checked(agentHandler, { ...fx.agent, creationToken: token("agent") });
    const { id, outs } = await agentHandler.create(inputs);
    const edited = structuredClone(fx.agent);
    edited.conversationConfig.agent.prompt.prompt = "Be terse.";
    const news = await checked(agentHandler, { ...edited, creationToken: inputs.creationToken });
    expect(agentHandler.changedKeys(outs, news)).toEqual(["conversationConfig"]);
    const { outs: after } = await agentHandler.update(id, outs, news);
    const live = (await ctx.emulator.api("GET", fx.paths.agent(id))).body;
    expect(live.conversation_config.agent.prompt.prompt).toBe("Be terse.");
    // What the program did not change is still there (first message, voice).
    expect(live.conversation_config.agent.first_message).toBe("Hello!");
    expect(live.conversation_config.tts.voice_id).toBe("21m00Tcm4TlvDq8ikWAM");
    expect((await agentHandler.diff(id, after!, news)).changes).toBe(false);
    const read = await agentHandler.read(id, after!);
    expect((await agentHandler.diff(id, read.props!, news)).changes).toBe(false);
  });

  it("Agent: a second create with the same creation token finds the first (crash recovery), no duplicate", async () => {
    const inputs = await checked(agentHandler, { ...fx.agent, name: token("recover"), creationToken: token("t") });
    const first = await agentHandler.create(inputs);
    const second = await agentHandler.create(inputs);
    expect(second.id).toBe(first.id);
    const read = await agentHandler.read(second.id, second.outs);
    expect(read.inputs).toEqual(inputs);
  });

  it("Agent: delete, then read reports it gone, and a second delete succeeds", async () => {
    const inputs = await checked(agentHandler, { ...fx.agent, creationToken: token("agent") });
    const { id, outs } = await agentHandler.create(inputs);
    await agentHandler.delete(id, outs);
    expect((await ctx.emulator.api("GET", fx.paths.agent(id))).status).toBe(404);
    expect(await agentHandler.read(id, outs)).toEqual({});
    await agentHandler.delete(id, outs);
  });

  it("Agent: adoptId takes over an existing agent and converges it to the program, making none", async () => {
    const existing = await fx.makeAgentOutOfBand(ctx.emulator);
    const inputs = await checked(agentHandler, { ...fx.agent, adoptId: existing, creationToken: token("adopt") });
    const { id, outs } = await agentHandler.create(inputs);
    expect(id).toBe(existing);
    const live = (await ctx.emulator.api("GET", fx.paths.agent(id))).body;
    expect(live.name).toBe("Support");
    expect(live.conversation_config.agent.prompt.prompt).toBe("You are helpful.");
    expect((await agentHandler.diff(id, (await agentHandler.read(id, outs)).props!, inputs)).changes).toBe(false);
  });

  it("Agent: the other profile's shape fails at check, naming both profiles, with zero API calls", async () => {
    await ctx.emulator.resetStats();
    const result = await agentHandler.check({}, other.agent);
    expect(result.failures?.length).toBeGreaterThan(0);
    const reasons = result.failures!.map((f) => f.reason).join("\n");
    expect(reasons).toContain(`is the ${other.profile} API's shape of Agent`);
    expect(reasons).toContain(`this stack speaks the ${fx.profile} API profile`);
    expect(reasons).toContain(`elevenlabs:apiProfile`);
    expect((await ctx.emulator.stats()).total).toBe(0);
  });

  it("Tool: secret headers stay out of the plain outputs; an edit updates in place with no diff after", async () => {
    const inputs = await checked(toolHandler, { ...fx.tool, creationToken: token("tool") });
    const { id, outs } = (await toolHandler.create(inputs)) as { id: string; outs: Record<string, any> };
    expect(outs.toolId).toBe(id);
    expect(outs.secretHeaders).toEqual({ Authorization: SECRET_HEADER });
    expect(JSON.stringify(fx.plainHeaders(outs))).not.toContain(SECRET_HEADER);
    expect((await toolHandler.diff(id, outs, inputs)).changes).toBe(false);
    const read = await toolHandler.read(id, outs);
    expect(read.inputs).toEqual(inputs);

    const news = await checked(toolHandler, {
      ...fx.editTool(fx.tool, "Weather now"),
      creationToken: inputs.creationToken,
    });
    expect(await toolHandler.diff(id, outs, news)).toMatchObject({ changes: true, replaces: [] });
    const { outs: after } = await toolHandler.update(id, outs, news);
    expect((await toolHandler.diff(id, after!, news)).changes).toBe(false);
    const reread = await toolHandler.read(id, after!);
    expect((await toolHandler.diff(id, reread.props!, news)).changes).toBe(false);
    // The secret header survived the update (a whole-config PATCH in the live profile).
    expect(JSON.stringify((await ctx.emulator.api("GET", fx.paths.tool(id))).body)).toContain(SECRET_HEADER);
    await toolHandler.delete(id, after!);
    expect(await toolHandler.read(id, after!)).toEqual({});
  });

  it("KnowledgeBaseDocument: create waits until usable, reads back with no diff, delete removes it", async () => {
    const agent = await agentHandler.create(await checked(agentHandler, { ...fx.agent, creationToken: token("a") }));
    const inputs = await checked(knowledgeBaseDocumentHandler, { ...fx.document(agent.id), creationToken: token("d") });
    const { id, outs } = await knowledgeBaseDocumentHandler.create(inputs);
    expect(outs.documentId).toBe(id);
    expect(outs.name).toBe("FAQ");
    expect((await knowledgeBaseDocumentHandler.diff(id, outs, inputs)).changes).toBe(false);
    const read = await knowledgeBaseDocumentHandler.read(id, outs);
    expect((await knowledgeBaseDocumentHandler.diff(id, read.props!, inputs)).changes).toBe(false);
    await knowledgeBaseDocumentHandler.delete(id, outs);
    expect((await ctx.emulator.api("GET", fx.paths.document(id, agent.id))).status).toBe(404);
    expect(await knowledgeBaseDocumentHandler.read(id, outs)).toEqual({});
  });
});

describe.each(PROFILES)(
  "an operation given a $profile client, with the stack configured for the other profile",
  (fx) => {
    const ctx = useEmulator(fx.profile);
    const other = fx.profile === "seed" ? FIXTURES.live : FIXTURES.seed;

    it("reads and decodes in the client's profile: the stack config only decides check and diff", async () => {
      const made = await ctx.emulator.api("GET", fx.paths.agent(await fx.makeAgentOutOfBand(ctx.emulator)));
      const { apiKey, baseUrl } = ctx.emulator;
      configure({ get: (k) => ({ "elevenlabs:apiProfile": other.profile })[k] });
      try {
        const client = getClient({ apiKey, baseUrl, profile: fx.profile });
        const live = await agentHandler.getLive({ client }, made.body.agent_id, {});
        expect(live).toEqual(codecIn("Agent", fx.profile).decode(made.body));
        expect(agentHandler.of({ client }).profile).toBe(fx.profile);
        expect(agentHandler.configured().profile).toBe(other.profile);
      } finally {
        configure({
          get: (k) =>
            ({ "elevenlabs:apiKey": apiKey, "elevenlabs:baseUrl": baseUrl, "elevenlabs:apiProfile": fx.profile })[k],
        });
      }
    });
  },
);

describe("check in the seed profile, of a live document (no agentId)", () => {
  useEmulator("seed");
  it("says that an agent-less document is the live API's shape", async () => {
    const result = await knowledgeBaseDocumentHandler.check({}, FIXTURES.live.document(""));
    expect(result.failures).toEqual([
      {
        property: "",
        reason:
          'agentId: is required (expected a string) (that is the live API\'s shape: set elevenlabs:apiProfile to "live" if elevenlabs:baseUrl serves that API)',
      },
    ]);
  });
});

describe.each(PROFILES)("numbers, widgets and secrets in the $profile API profile", (fx) => {
  const ctx = useEmulator(fx.profile);
  const agentOf = async () =>
    agentHandler.create(await checked(agentHandler, { ...fx.agent, creationToken: token("agent") }));

  it("PhoneNumber: create reads back with no diff, an edit updates in place, delete removes it (and a second succeeds)", async () => {
    const agent = await agentOf();
    const inputs = await checked(phoneNumberHandler, { ...fx.phoneNumber(agent.id), creationToken: token("pn") });
    const { id, outs } = (await phoneNumberHandler.create(inputs)) as { id: string; outs: Record<string, any> };
    expect(outs.phoneNumberId).toBe(id);
    expect(outs.agentId).toBe(agent.id);
    expect((await phoneNumberHandler.diff(id, outs, inputs)).changes).toBe(false);
    const read = await phoneNumberHandler.read(id, outs);
    expect(read.inputs).toEqual(inputs);
    expect((await phoneNumberHandler.diff(id, read.props!, inputs)).changes).toBe(false);
    // The Twilio token is never in an API answer: it lives in (secret) state only.
    expect(JSON.stringify((await ctx.emulator.api("GET", fx.paths.phoneNumber(id))).body)).not.toContain(TWILIO_TOKEN);

    const news = await checked(phoneNumberHandler, {
      ...fx.editPhoneNumber(fx.phoneNumber(agent.id)),
      creationToken: inputs.creationToken,
    });
    expect(await phoneNumberHandler.diff(id, outs, news)).toMatchObject({ changes: true, replaces: [] });
    const { outs: after } = await phoneNumberHandler.update(id, outs, news);
    expect((await phoneNumberHandler.diff(id, after!, news)).changes).toBe(false);
    expect((await phoneNumberHandler.diff(id, (await phoneNumberHandler.read(id, after!)).props!, news)).changes).toBe(
      false,
    );
    await phoneNumberHandler.delete(id, after!);
    expect(await phoneNumberHandler.read(id, after!)).toEqual({});
    await expect(phoneNumberHandler.delete(id, after!)).resolves.toBeUndefined();
  });

  it("Widget: create reads back with no diff, and the Agent's own edits neither see nor undo it", async () => {
    const agentInputs = await checked(agentHandler, { ...fx.agent, creationToken: token("agent") });
    const agent = await agentHandler.create(agentInputs);
    const inputs = await checked(widgetHandler, { ...fx.widget(agent.id), creationToken: token("w") });
    const { id, outs } = (await widgetHandler.create(inputs)) as { id: string; outs: Record<string, any> };
    expect(String(outs.embedCode)).toContain(agent.id);
    expect((await widgetHandler.diff(id, (await widgetHandler.read(id, outs)).props!, inputs)).changes).toBe(false);
    // The agent's refresh does not report the widget's settings as drift…
    const agentRead = await agentHandler.read(agent.id, agent.outs);
    expect((await agentHandler.diff(agent.id, agentRead.props!, agentInputs)).changes).toBe(false);
    // …and an edit of the agent's platform settings keeps them.
    const edited = structuredClone(fx.agent);
    edited.platformSettings.auth.enableAuth = true;
    const news = await checked(agentHandler, { ...edited, creationToken: agentInputs.creationToken });
    await agentHandler.update(agent.id, agentRead.props!, news);
    expect((await widgetHandler.diff(id, (await widgetHandler.read(id, outs)).props!, inputs)).changes).toBe(false);
    if (fx.profile === "live") {
      const live = (await ctx.emulator.api("GET", fx.paths.agent(agent.id))).body;
      expect(live.platform_settings).toMatchObject({ auth: { enable_auth: true }, widget: { variant: "compact" } });
    }
    await widgetHandler.delete(id, outs);
  });

  it("WorkspaceSecret: the value is never read back; a new value updates in place (live) or replaces (seed)", async () => {
    const name = `K_${token("s").replace(/\W/g, "_")}`;
    const inputs = await checked(workspaceSecretHandler, {
      name,
      value: "v1-must-not-leak",
      creationToken: token("s"),
    });
    const { id, outs } = await workspaceSecretHandler.create(inputs);
    expect(JSON.stringify((await ctx.emulator.api("GET", fx.paths.secrets)).body)).not.toContain("v1-must-not-leak");
    expect(
      (await workspaceSecretHandler.diff(id, (await workspaceSecretHandler.read(id, outs)).props!, inputs)).changes,
    ).toBe(false);
    const news = await checked(workspaceSecretHandler, { ...inputs, value: "v2-must-not-leak" });
    const diff = await workspaceSecretHandler.diff(id, outs, news);
    expect(diff).toMatchObject({ changes: true, replaces: fx.secretUpdatesInPlace ? [] : ["value"] });
    if (fx.secretUpdatesInPlace) {
      const { outs: after } = await workspaceSecretHandler.update(id, outs, news);
      expect(after!.value).toBe("v2-must-not-leak");
    }
    await workspaceSecretHandler.delete(id, outs);
    expect(await workspaceSecretHandler.read(id, outs)).toEqual({});
  });
});

describe.each(PROFILES)("workspace settings in the $profile API profile", (fx) => {
  const ctx = useEmulator(fx.profile);
  it("manages only the keys set, reads back with no diff, and delete restores what was there", async () => {
    const before = await fx.rawSetting(ctx.emulator);
    const inputs = await checked(workspaceSettingsHandler, { ...fx.settings, creationToken: token("ws") });
    const { id, outs } = await workspaceSettingsHandler.create(inputs);
    const wanted = Object.values(fx.settings.settings)[0];
    expect(await fx.rawSetting(ctx.emulator)).toBe(wanted);
    expect((await workspaceSettingsHandler.diff(id, outs, inputs)).changes).toBe(false);
    const read = await workspaceSettingsHandler.read(id, outs);
    expect(read.inputs).toEqual(inputs);
    expect((await workspaceSettingsHandler.diff(id, read.props!, inputs)).changes).toBe(false);
    await workspaceSettingsHandler.delete(id, outs);
    expect(await fx.rawSetting(ctx.emulator)).toBe(before);
  });
});

describe.each(PROFILES)("uploads in the $profile API profile", (fx) => {
  const ctx = useEmulator(fx.profile);
  const dir = mkdtempSync(join(tmpdir(), `uploads-${fx.profile}-`));

  it("a document from a local file is uploaded as multipart, reads back with no diff, and is removed", async () => {
    const file = join(dir, "hours.txt");
    writeFileSync(file, "Opening hours are 9 to 5.");
    const agent = await agentHandler.create(await checked(agentHandler, { ...fx.agent, creationToken: token("a") }));
    const { text: _text, ...doc } = fx.document(agent.id);
    const inputs = await checked(knowledgeBaseDocumentHandler, { ...doc, filePath: file, creationToken: token("f") });
    const { id, outs } = await knowledgeBaseDocumentHandler.create(inputs);
    expect((await ctx.emulator.api("GET", fx.paths.document(id, agent.id))).status).toBe(200);
    const read = await knowledgeBaseDocumentHandler.read(id, outs);
    expect((await knowledgeBaseDocumentHandler.diff(id, read.props!, inputs)).changes).toBe(false);
    await knowledgeBaseDocumentHandler.delete(id, outs);
  });

  it("a widget avatar is uploaded to the profile's avatar route, and again when the file changes", async () => {
    const avatar = join(dir, "avatar.png");
    writeFileSync(avatar, PNG);
    const agent = await agentHandler.create(await checked(agentHandler, { ...fx.agent, creationToken: token("a") }));
    await ctx.emulator.resetStats();
    const inputs = await checked(widgetHandler, { ...fx.widget(agent.id), avatarPath: avatar });
    const { id, outs } = await widgetHandler.create(inputs);
    const route = fx.profile === "live" ? "/agents/{agent_id}/avatar" : "/agents/{agent_id}/widget/avatar";
    expect((await ctx.emulator.stats()).byRoute[`POST /v1/convai${route}`]).toBe(1);
    expect((await widgetHandler.diff(id, (await widgetHandler.read(id, outs)).props!, inputs)).changes).toBe(false);
    writeFileSync(avatar, Buffer.concat([PNG, Buffer.from([0])]));
    const changed = await checked(widgetHandler, { ...fx.widget(agent.id), avatarPath: avatar });
    expect((await widgetHandler.diff(id, outs, changed)).changes).toBe(true);
    await widgetHandler.update(id, outs, changed);
    expect((await ctx.emulator.stats()).byRoute[`POST /v1/convai${route}`]).toBe(2);
  });
});

// 1x1 transparent PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
