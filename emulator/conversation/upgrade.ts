import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { App } from "../app";
import { newId } from "../ids";

export const CONVERSATION_PATH = "/v1/convai/conversation";

/**
 * The conversation WebSocket, on the same HTTP server as the REST API. For agents with
 * `platform_settings.auth.enable_auth` the signed-URL token is checked before the upgrade:
 * missing -> 401, invalid or expired -> 403. The protocol itself is a later issue: an
 * accepted socket gets `conversation_initiation_metadata` and is closed with 1011.
 */
export function attachConversationSocket(server: Server, app: App): { close(): void } {
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://emulator.local");
    if (url.pathname !== CONVERSATION_PATH) return reject(socket, 404, "NOT_FOUND", `no WebSocket at ${url.pathname}`);
    const agentId = url.searchParams.get("agent_id");
    if (!agentId) return reject(socket, 400, "VALIDATION_ERROR", "agent_id is required");
    const agent = app.store.get("agents", agentId);
    if (!agent) return reject(socket, 404, "NOT_FOUND", `agent ${agentId} not found`);
    if (agent.platform_settings?.auth?.enable_auth) {
      const token = url.searchParams.get("token");
      if (!token) return reject(socket, 401, "AUTHENTICATION_ERROR", "this agent requires a signed URL");
      const verdict = app.signer.verify(agentId, token);
      if (verdict !== "ok") return reject(socket, 403, "AUTHORIZATION_ERROR", `signed URL token is ${verdict}`);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const format = "pcm_16000";
      ws.send(
        JSON.stringify({
          type: "conversation_initiation_metadata",
          conversation_initiation_metadata_event: {
            conversation_id: newId("conv"),
            agent_id: agentId,
            agent_output_audio_format: format,
            user_input_audio_format: format,
            session_id: newId("sess"),
          },
        }),
      );
      ws.close(1011, "conversation engine not implemented yet");
    });
  });
  return {
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

const REASONS: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" };

/** An HTTP answer in the error envelope, written on the raw socket since no upgrade happens. */
function reject(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message, details: {} }, request_id: newId("req") });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
