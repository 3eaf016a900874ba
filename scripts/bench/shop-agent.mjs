// The benchmarks' shop agent on a fresh emulator (of the BUILT package): the agent the emulator's
// scripted conversations answer, with its knowledge-base document processed and ready.
import { startEmulator } from "../../dist/emulator/index.js";

export const SHOP_KNOWLEDGE =
  "The store opens at nine in the morning and closes at six in the evening.\n\n" +
  "Returns are accepted within thirty days with a receipt.\n\nParking is free behind the building.";

/** An emulator without a rate limit (a benchmark measures the code, not the budget). */
export async function startShopEmulator(options = {}) {
  const emu = await startEmulator({ rateLimit: 0, kbProcessingDelayMs: 10, ...options });
  const api = async (method, path, body) => {
    const res = await fetch(`${emu.baseUrl}${path}`, {
      method,
      headers: { "xi-api-key": emu.apiKey, "content-type": "application/json" },
      body: body && JSON.stringify(body),
    });
    return res.json();
  };
  /** A shop agent greeting with `firstMessage`, its document ready; answers its id. */
  async function shopAgent(firstMessage, knowledge = SHOP_KNOWLEDGE) {
    const { agent_id } = await api("POST", "/agents", {
      name: "Acme shop",
      conversation_config: {
        agent: {
          first_message: firstMessage,
          prompt: { prompt: "You answer questions about the Acme store.", built_in_tools: ["end_call"] },
        },
      },
    });
    const doc = await api("POST", `/agents/${agent_id}/knowledge-base/text`, { name: "Shop facts", text: knowledge });
    while ((await api("GET", `/agents/${agent_id}/knowledge-base/${doc.document_id}`)).status !== "ready")
      await new Promise((r) => setTimeout(r, 20));
    return agent_id;
  }
  return { emu, api, shopAgent };
}
