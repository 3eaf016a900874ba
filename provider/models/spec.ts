/** The kinds of resource this provider manages, and the per-model rules the generic handler obeys. */

export const RESOURCE_KINDS = [
  "Agent",
  "Tool",
  "KnowledgeBaseDocument",
  "AgentKnowledgeBaseIndex",
  "PhoneNumber",
  "Widget",
  "WorkspaceSecret",
  "WorkspaceSettings",
  "ConversationSmokeTest",
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** The `module` a dynamic resource is registered under: its type is `pulumi-nodejs:dynamic/<module>:<Kind>`. */
export const RESOURCE_MODULE = "elevenlabs";

/** What the engine records as the type of a kind's resources. */
export const typeToken = (kind: ResourceKind) => `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${kind}`;

/**
 * Declared next to each model, never scattered through `diff`. Every name is a top-level
 * property in resource (camelCase) form unless said otherwise.
 */
export interface ModelRules {
  /** Inputs whose change replaces the object (delete first, then create). */
  replaceOnChanges: readonly string[];
  /** Outputs the SDK lists in `additionalSecretOutputs` (and wraps with `pulumi.secret`). */
  secretOutputs: readonly string[];
  /**
   * Nested inputs that are secret (dot paths): never quoted in a check failure, and the SDK makes
   * the top-level input holding one secret whenever it is set. `secretOutputs` are secret too.
   */
  secretPaths?: readonly string[];
  /** Dot paths whose keys are user data, never case-converted (`*` = any key, arrays transparent). */
  opaqueMaps: readonly string[];
  /**
   * Dot path of the field crash recovery compares when list items carry no creation token
   * (summaries): candidates are then fetched whole.
   */
  naturalKey?: string;
  /**
   * The natural key names one object only (the API refuses a second, or a second would be a
   * mistake: one phone number imported twice). An existing one that recovery cannot prove to be
   * this resource's orphan may be another stack's: create stops with an error naming it and
   * `adoptId`, rather than taking it over or making a second.
   */
  uniqueNaturalKey?: boolean;
  /** Outputs only the server sets: never inputs, never compared. */
  serverSet: readonly string[];
  /** Inputs the API never returns: `read` carries them over from state instead of reporting drift. */
  writeOnly?: readonly string[];
  /** Inputs that never cause a diff (create-time knobs, or stand-ins for a hash that does). */
  ignoreInDiff?: readonly string[];
  /**
   * Input paths (dot paths) only this API profile's shape has: set under the other profile,
   * `check` fails naming both profiles instead of sending a body the API cannot read.
   */
  profileOnly?: readonly string[];
}

/**
 * Inputs every resource accepts that are bookkeeping rather than desired state: never compared
 * by `diff` (changing `adoptId` after creation does nothing; `creationToken` never changes for a
 * given URN) and always carried through outputs so `read` can return them as inputs.
 */
export const BOOKKEEPING_KEYS = ["adoptId", "creationToken"] as const;

/** The output holding the top-level input keys the program set (diff and read need them). */
export const MANAGED_KEYS = "managedKeys";

/** Key of the creation token inside an object's `metadata` map. */
export const CREATION_TOKEN_METADATA_KEY = "pulumi_creation_token";
