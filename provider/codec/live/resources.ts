import { isPlainObject, type JsonObject } from "../../diff/json";
import type { ShapeHooks } from "../codec";
import { renamedId } from "./agent";

/** Live documents: `id` is the model's `documentId`; nothing keeps a creation token. */
export const liveDocumentShape: ShapeHooks = { ...renamedId("documentId"), keepsCreationToken: false };

/** Live secrets keep nothing but name and value. */
export const liveSecretShape: ShapeHooks = { keepsCreationToken: false };

/** Live phone numbers name their agent in `assigned_agent`; the model keeps the create body's `agentId`. */
export const livePhoneNumberShape: ShapeHooks = {
  keepsCreationToken: false,
  fromWire(wire) {
    if (!("assignedAgent" in wire)) return wire;
    const assigned = isPlainObject(wire.assignedAgent) ? wire.assignedAgent.agentId : undefined;
    const { agentId: _flat, ...rest } = wire;
    return typeof assigned === "string" ? { ...rest, agentId: assigned } : rest;
  },
};

/** The singleton's id: the live settings have none (one object per workspace). */
export const LIVE_SETTINGS_ID = "convai-settings";

/**
 * Live settings are flat on the wire; the model keeps the contract's `settings` wrapper (and the
 * provider's own `previousSettings`, which the handler adds to answers in wire case).
 */
export const liveSettingsShape: ShapeHooks = {
  keepsCreationToken: false,
  toWire(model) {
    const { settings, ...rest } = model;
    return isPlainObject(settings) ? { ...settings, ...rest } : rest;
  },
  fromWire(wire) {
    const { previousSettings, workspaceId: _none, ...settings } = wire;
    return {
      workspaceId: LIVE_SETTINGS_ID,
      settings,
      ...(previousSettings !== undefined ? { previousSettings } : {}),
    };
  },
};

/** The embed snippet the vendor's CLI builds (the live API returns none). */
export function embedCode(agentId: string): string {
  return (
    `<elevenlabs-convai agent-id="${agentId}"></elevenlabs-convai>` +
    `<script src="https://unpkg.com/@elevenlabs/convai-widget-embed" async type="text/javascript"></script>`
  );
}

/**
 * A live widget is its agent's `platform_settings.widget`: read from the agent, written by the
 * agent's PATCH. The model's `config` is that object; the resource id is the agent's.
 */
export const liveWidgetShape: ShapeHooks = {
  keepsCreationToken: false,
  toWire(model) {
    if (!("config" in model)) return {};
    return { platformSettings: { widget: model.config } } as JsonObject;
  },
  fromWire(agent) {
    const agentId = typeof agent.agentId === "string" ? agent.agentId : undefined;
    const settings = isPlainObject(agent.platformSettings) ? agent.platformSettings : {};
    return {
      ...(agentId ? { widgetId: agentId, agentId, embedCode: embedCode(agentId) } : {}),
      ...(settings.widget !== undefined ? { config: settings.widget } : {}),
    };
  },
};
