import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import * as el from "../../sdk";

// setMocks never calls dynamic provider methods; these tests only cover what the SDK classes
// register: type tokens, the creation token, outputs declared, secret inputs.
const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: { ...args.inputs, agentId: "agent_1" } };
      },
      call: () => ({}),
    },
    "proj",
    "dev",
  );
});

const outputOf = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

describe("SDK resource classes", () => {
  it("register the dynamic type token, a deterministic creation token and declared outputs", async () => {
    const agent = new el.Agent("support", { name: "Support", conversationConfig: { agent: { firstMessage: "Hi" } } });
    expect(await outputOf(agent.agentId)).toBe("support-id");
    expect(await outputOf(agent.createdAt)).toBeUndefined();
    const reg = registered.find((r) => r.name === "support")!;
    expect(reg.type).toBe("pulumi-nodejs:dynamic/elevenlabs:Agent");
    expect(reg.inputs.creationToken).toMatch(/^[0-9a-f]{24}$/);
    const again = new el.Agent("support-2", { name: "S" });
    await outputOf(again.urn);
    expect(registered.find((r) => r.name === "support-2")!.inputs.creationToken).not.toBe(reg.inputs.creationToken);
  });

  it("mark WorkspaceSecret.value and Tool.secretHeaders secret", async () => {
    const secret = new el.WorkspaceSecret("key", { name: "K", value: "plain" });
    const tool = new el.Tool("t", { type: "server", name: "t", serverTool: { url: "https://x.example" }, secretHeaders: { A: "b" } });
    expect(await pulumi.isSecret(secret.value)).toBe(true);
    expect(await pulumi.isSecret(tool.secretHeaders)).toBe(true);
  });
});
