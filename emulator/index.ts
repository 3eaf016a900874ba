// First: on an unsupported Node this stops with one line before a dependency crashes obscurely.
import "../provider/node-version";
import type { AddressInfo } from "node:net";
import { App } from "./app";
import { resumeConversations } from "./conversation/lifecycle";
import { attachConversationSocket } from "./conversation/upgrade";
import { resumeDocuments } from "./knowledge/processing";
import { type EmulatorOptions, resolveOptions } from "./options";
import type { ProfileName } from "./profiles/index";
import { API_PREFIX, createEmulatorServer } from "./server";

export type { EmulatorOptions } from "./options";
export type { ProfileName } from "./profiles/index";

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `url + "/v1/convai"` */
  baseUrl: string;
  apiKey: string;
  /** The API served: `seed` (the contract) or `live`. */
  profile: ProfileName;
  /** Stops background work, closes keep-alive sockets and WebSockets, compacts the store. */
  close(): Promise<void>;
  /** Empties the store and resets stats, faults and rate-limit windows. */
  reset(): Promise<void>;
}

/** Starts a local ConvAI API. @example const emu = await startEmulator(); fetch(`${emu.baseUrl}/agents`) */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const app = new App(resolved);
  const server = createEmulatorServer(app);
  const sockets = attachConversationSocket(server, app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  app.url = `http://${host}:${port}`;
  // Work a previous process left mid-way (documents processing, calls in flight) goes on, now
  // that the URL webhooks and avatars mention is known.
  resumeDocuments(app);
  resumeConversations(app);

  let closing: Promise<void> | undefined;
  return {
    url: app.url,
    baseUrl: `${app.url}${API_PREFIX}`,
    apiKey: resolved.apiKey,
    profile: resolved.profile,
    reset: async () => app.reset(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
        app.close();
      });
      return closing;
    },
  };
}
