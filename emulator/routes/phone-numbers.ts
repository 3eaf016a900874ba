import { randomInt } from "node:crypto";
import { checkAll } from "../errors";
import { readJson } from "../http-io";
import { newId, nowIso } from "../ids";
import {
  CALLING_CODES,
  PHONE_NUMBER_DEFAULTS,
  PHONE_STATUSES,
  type PhoneNumberRecord,
  phoneNumberBody,
} from "../models/phone-number";
import { paginate, parseListQuery } from "../pagination";
import { enumParam } from "../query";
import type { Router } from "../router";
import { getOr404, ok, prepareCreate, prepareUpdate, requireReference } from "./resource";

const READ_ONLY = ["phone_number_id", "phone_number"];

export function phoneNumberRoutes(router: Router): void {
  router
    .add("POST", "/phone-numbers", async ({ app, req }) => {
      const raw = await readJson(req);
      const [body] = checkAll(
        () => prepareCreate(phoneNumberBody, raw, READ_ONLY, PHONE_NUMBER_DEFAULTS),
        () => requireReference(app, "agents", raw.agent_id, "agent_id"),
      );
      const now = nowIso();
      const number = {
        phone_number_id: newId("pn"),
        phone_number: inventNumber(body.country, body.area_code),
        ...body,
        created_at: now,
        updated_at: now,
      } as PhoneNumberRecord;
      return ok(app.store.put("phone_numbers", number.phone_number_id, number));
    })
    .add("GET", "/phone-numbers", ({ app, query }) => {
      const [q, status] = checkAll(
        () => parseListQuery(query),
        () => enumParam(query, "status", PHONE_STATUSES),
      );
      const agentId = query.get("agent_id");
      const numbers = app.store
        .list("phone_numbers")
        .filter((n) => (!agentId || n.agent_id === agentId) && (!status || n.status === status));
      return ok(paginate(numbers, q, "phone_number_id", "phone_numbers"));
    })
    .add("GET", "/phone-numbers/{phone_number_id}", ({ app, params }) =>
      ok(getOr404(app, "phone_numbers", params.phone_number_id as string, "phone number")),
    )
    .add("PATCH", "/phone-numbers/{phone_number_id}", async ({ app, req, params }) => {
      const existing = getOr404(app, "phone_numbers", params.phone_number_id as string, "phone number");
      const patch = await readJson(req);
      // The agent the merged number will point at: the patch's (null removes it), else the stored one.
      const agentId = patch.agent_id === undefined ? existing.agent_id : patch.agent_id;
      const [number] = checkAll(
        () => prepareUpdate(phoneNumberBody, existing, patch, READ_ONLY, PHONE_NUMBER_DEFAULTS) as PhoneNumberRecord,
        () => requireReference(app, "agents", agentId, "agent_id"),
      );
      return ok(app.store.put("phone_numbers", number.phone_number_id, number));
    })
    .add("DELETE", "/phone-numbers/{phone_number_id}", ({ app, params }) => {
      const { phone_number_id } = getOr404(app, "phone_numbers", params.phone_number_id as string, "phone number");
      app.store.delete("phone_numbers", phone_number_id);
      return ok({ message: "Phone number released successfully", phone_number_id });
    });
}

/** `+<calling code><area code><digits>`; 555 exchange for North America so it is never real. */
function inventNumber(country: string, areaCode?: string): string {
  const code = CALLING_CODES[country] ?? "999";
  const area = areaCode ?? String(randomInt(200, 999));
  const rest =
    code === "1" ? `555${String(randomInt(0, 10_000)).padStart(4, "0")}` : String(randomInt(1_000_000, 9_999_999));
  return `+${code}${area}${rest}`;
}
