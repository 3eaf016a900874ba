import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { App } from "../app";
import { EmulatorError, invalidQuery, notFound } from "../errors";
import { newId } from "../ids";
import { CLOSE } from "./protocol";
import { INSTALL_HINT, Recogniser } from "./recogniser";
import { Session } from "./session";

export const CONVERSATION_PATH = "/v1/convai/conversation";
/** Concurrent conversations per API key; the emulator has one key, so this is per emulator. */
export const MAX_CONCURRENT_CONVERSATIONS = 50;

/**
 * The conversation WebSocket, on the same HTTP server as the REST API. Before the upgrade: an
 * unknown agent is 404; for agents with `platform_settings.auth.enable_auth` the signed-URL token
 * is checked (missing -> 401, invalid or expired -> 403); an `Origin` header not in the agent's
 * `allowed_origins` (when it lists any) -> 403. After it: the 51st concurrent conversation gets
 * an `error` event and close 1008. The subprotocol `convai` is accepted when offered.
 */
export function attachConversationSocket(server: Server, app: App): { close(): void } {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 16 * 1024 * 1024,
    handleProtocols: (offered) => (offered.has("convai") ? "convai" : (offered.values().next().value ?? false)),
  });
  const sessions = new Set<Session>();
  const missing = Recogniser.missing();
  if (missing) {
    app.options.log(
      `speech recognition off (${missing}); install it with: ${INSTALL_HINT}; text conversations still work`,
    );
  }
  const recogniser = missing ? undefined : new Recogniser();

  const codec = app.profile.conversation;
  const reject = (socket: Duplex, error: EmulatorError) => {
    const { status, body } = app.profile.renderError(error, newId("req"));
    rejectUpgrade(socket, status, body);
  };

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://emulator.local");
    if (url.pathname !== CONVERSATION_PATH)
      return reject(socket, new EmulatorError(404, "NOT_FOUND", `no WebSocket at ${url.pathname}`));
    const agentId = url.searchParams.get("agent_id");
    if (!agentId) return reject(socket, invalidQuery("agent_id", "is required"));
    const agent = app.store.get("agents", agentId);
    if (!agent) return reject(socket, notFound("agent", agentId));
    const view = codec.agent(agent);
    if (view.enableAuth) {
      const token = url.searchParams.get(codec.signatureParam);
      if (!token)
        return reject(socket, new EmulatorError(401, "AUTHENTICATION_ERROR", "this agent requires a signed URL"));
      const verdict = app.signer.verify(agentId, token);
      if (verdict !== "ok")
        return reject(
          socket,
          new EmulatorError(403, "AUTHORIZATION_ERROR", `signed URL ${codec.signatureParam} is ${verdict}`),
        );
    }
    const origin = req.headers.origin;
    const allowed = view.allowedOrigins;
    const presented = origin && view.hostOnly ? hostOf(origin) : origin;
    if (presented && allowed.length > 0 && !allowed.includes(presented)) {
      return reject(
        socket,
        new EmulatorError(403, "AUTHORIZATION_ERROR", `origin ${origin} is not allowed by the agent's auth settings`),
      );
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (sessions.size >= MAX_CONCURRENT_CONVERSATIONS) {
        const message = `at most ${MAX_CONCURRENT_CONVERSATIONS} concurrent conversations`;
        const event = codec.error("RATE_LIMIT_EXCEEDED", message, { limit: MAX_CONCURRENT_CONVERSATIONS });
        if (event) ws.send(JSON.stringify(event));
        ws.close(CLOSE.policy, "too many concurrent conversations");
        return;
      }
      const session = new Session({
        app,
        ws,
        agent,
        recogniser,
        pingIntervalMs: app.options.conversationPingIntervalMs,
      });
      sessions.add(session);
      ws.on("close", () => sessions.delete(session));
    });
  });
  return {
    close() {
      for (const session of sessions) session.close(1001, "emulator shutting down");
      for (const client of wss.clients) client.terminate();
      wss.close();
      recogniser?.dispose();
    },
  };
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  422: "Unprocessable Entity",
};

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).hostname;
  } catch {
    return undefined;
  }
}

/** An HTTP error answer in the profile's shape, written on the raw socket since no upgrade happens. */
function rejectUpgrade(socket: Duplex, status: number, rendered: unknown): void {
  const body = JSON.stringify(rendered);
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
