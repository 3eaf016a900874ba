/**
 * An API profile is data: which API the provider speaks. `seed` is the contract
 * (`shared/api/convai-api.md`) the emulator and the tests are built on; `live` is the vendor's
 * service as `shared/api/live-vs-seed.md` maps it. The client reads the wire part (routes, error
 * envelope, request budget); handlers read the models and codecs through `provider/profiles`.
 */
import type { RouteTable } from "../client/routes";

export const PROFILE_NAMES = ["seed", "live"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** What an error answer's body says, in the provider's terms. */
export interface ParsedErrorBody {
  code?: string;
  message?: string;
  details?: unknown;
  requestId?: string;
}

/** The request an error answered, as far as the not-found rule cares. */
export interface ErrorContext {
  method: string;
  /** The values of the route's object ids (path or query) that were sent. */
  pathValues: readonly string[];
}

/** How one API spells its errors. Used only by `ApiError.fromResponse`. */
export interface ErrorDialect {
  /** Reads the envelope; a body that is not this API's yields `{}`. `body` is parsed JSON or undefined. */
  parse(body: unknown, status: number): ParsedErrorBody;
  /**
   * A 404 proves that the object the request addressed does not exist. Everything else stays an
   * UnexpectedResponseError, so a wrong base URL never costs state.
   */
  provesAbsence(body: unknown, request: ErrorContext): boolean;
  /** The body is the OTHER profile's error envelope: the server speaks the other profile. */
  isForeign(body: unknown): boolean;
}

/** The part of a profile the HTTP client needs. */
export interface WireProfile {
  name: ProfileName;
  routes: RouteTable;
  errors: ErrorDialect;
  /** The client-side request budget when none is configured (0 = none): the contract documents 100/min. */
  requestsPerMinute: number;
}
