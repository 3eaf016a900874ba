import type { App } from "../../app";
import { checkAll, invalidQuery, validate } from "../../errors";
import { readJson } from "../../http-io";
import { newId, nowIso } from "../../ids";
import { mergePatch, omitKeys } from "../../merge-patch";
import type { PhoneNumberRecord } from "../../models/phone-number";
import type { Router } from "../../router";
import { getOr404, ok, prepareCreate, requireReference } from "../../routes/resource";
import {
  LIVE_PHONE_READ_ONLY,
  livePhoneNumberBody,
  livePhoneNumberPatch,
  renderLivePhoneNumber,
} from "./phone-number-model";

const PROVIDERS = ["twilio", "sip_trunk"];

/** Live phone numbers (live-vs-seed.md §2.6): imported Twilio / SIP-trunk numbers, an unpaged array list. */
export function livePhoneNumberRoutes(router: Router): void {
  router
    .add("POST", "/phone-numbers", async ({ app, req }) => {
      const raw = await readJson(req);
      const [body] = checkAll(
        () => prepareCreate(livePhoneNumberBody, raw, LIVE_PHONE_READ_ONLY),
        () => requireReference(app, "agents", raw.agent_id, "agent_id"),
      );
      const now = nowIso();
      const number = {
        phone_number_id: newId("pn"),
        supports_inbound: true,
        supports_outbound: true,
        ...body,
        created_at: now,
        updated_at: now,
      } as unknown as PhoneNumberRecord;
      app.store.put("phone_numbers", number.phone_number_id, number);
      return ok({ phone_number_id: number.phone_number_id });
    })
    .add("GET", "/phone-numbers", ({ app, query }) => {
      const provider = query.get("provider");
      if (provider !== null && !PROVIDERS.includes(provider))
        throw invalidQuery("provider", `must be one of ${PROVIDERS.join(", ")}`);
      const agentId = query.get("agent_id");
      const numbers = app.store
        .list("phone_numbers")
        .filter(
          (n) =>
            (!agentId || n.agent_id === agentId) && (!provider || (n as { provider?: string }).provider === provider),
        )
        .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.phone_number_id.localeCompare(b.phone_number_id));
      // A bare array, unpaged (PY `phone_numbers/raw_client.py` list).
      return ok(numbers.map((n) => render(app, n)));
    })
    .add("GET", "/phone-numbers/{phone_number_id}", ({ app, params }) =>
      ok(render(app, getOr404(app, "phone_numbers", params.phone_number_id as string, "phone number"))),
    )
    .add("PATCH", "/phone-numbers/{phone_number_id}", async ({ app, req, params }) => {
      const existing = getOr404(app, "phone_numbers", params.phone_number_id as string, "phone number");
      const raw = omitKeys(await readJson(req), [...LIVE_PHONE_READ_ONLY, "provider", "phone_number"]);
      const [patch] = checkAll(
        () => validate(livePhoneNumberPatch, raw),
        () => requireReference(app, "agents", raw.agent_id, "agent_id"),
      );
      const number = { ...(mergePatch(existing, patch) as object), updated_at: nowIso() } as PhoneNumberRecord;
      app.store.put("phone_numbers", number.phone_number_id, number);
      return ok(render(app, number));
    })
    .add("DELETE", "/phone-numbers/{phone_number_id}", ({ app, params }) => {
      const { phone_number_id } = getOr404(app, "phone_numbers", params.phone_number_id as string, "phone number");
      app.store.delete("phone_numbers", phone_number_id);
      return ok({});
    });
}

const render = (app: App, n: PhoneNumberRecord) => renderLivePhoneNumber(n, (id) => app.store.get("agents", id)?.name);
