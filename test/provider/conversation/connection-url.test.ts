import { describe, expect, it } from "vitest";
import { ConfigError, describeUrl, publicConversationUrl } from "../../../provider/index";

describe("where a conversation socket is opened", () => {
  it("derives the public URL from the base URL the provider takes: host only, with /v1/convai, or behind a proxy path", () => {
    expect(publicConversationUrl("https://api.elevenlabs.io", "agent_1")).toBe(
      "wss://api.elevenlabs.io/v1/convai/conversation?agent_id=agent_1",
    );
    expect(publicConversationUrl("http://127.0.0.1:4010/v1/convai/", "agent_1")).toBe(
      "ws://127.0.0.1:4010/v1/convai/conversation?agent_id=agent_1",
    );
    expect(publicConversationUrl("https://proxy.example/eleven/v1/convai", "a b&c")).toBe(
      "wss://proxy.example/eleven/v1/convai/conversation?agent_id=a+b%26c",
    );
  });

  it("rejects a base URL that is not http(s) with the provider's config error", () => {
    expect(() => publicConversationUrl("ftp://x", "agent_1")).toThrow(ConfigError);
  });

  it("describes a signed URL without its token", () => {
    expect(describeUrl("wss://api.elevenlabs.io/v1/convai/conversation?agent_id=agent_1&token=s3cr3t")).toBe(
      "wss://api.elevenlabs.io/v1/convai/conversation?agent_id=agent_1",
    );
    expect(describeUrl("wss://h/v1/convai/conversation?conversation_signature=s3cr3t")).toBe(
      "wss://h/v1/convai/conversation",
    );
  });
});
