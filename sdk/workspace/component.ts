/**
 * `ConvaiWorkspace`: a directory of YAML definitions as Pulumi resources, children of one
 * component. Everything is loaded and checked before the first resource is registered; a problem
 * anywhere stops the program with every problem listed (see loader.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { resolveProfile } from "../../provider/config";
import { ElevenLabsError, ErrorCode } from "../../provider/errors";
import { type FileKind, kindModel, type Profile } from "./kinds";
import { type Definition, loadDefinitions } from "./loader";
import { formatRef, replaceRefs } from "./references";
import { placeholderKey } from "./secrets";

export interface ConvaiWorkspaceArgs {
  /** The definitions directory, relative to the program's working directory (the project's). */
  directory: string;
  /** A directory with one directory of overlay files per stack (`overlays/<stack>/<same path as the definition>`). */
  overlays?: string;
  /** Whose overlays apply. @default pulumi.getStack() */
  stack?: string;
  /**
   * The API shapes the files are written in. @default the stack's API profile, as the provider
   * resolves it: `elevenlabs:apiProfile` (or ELEVENLABS_API_PROFILE), else the default for
   * `elevenlabs:baseUrl` (`live` for the vendor's hosts, `seed` elsewhere)
   */
  profile?: Profile;
}

/** Resource ids by kind and definition name, e.g. `ids.agent.support`. */
export type WorkspaceIds = Partial<Record<FileKind, Record<string, string>>>;

/** A Pulumi config key as definitions write it: `key` (the project's) or `namespace:key`. */
function configOf(key: string): { config: pulumi.Config; name: string } {
  const at = key.lastIndexOf(":");
  return at < 0
    ? { config: new pulumi.Config(), name: key }
    : { config: new pulumi.Config(key.slice(0, at)), name: key.slice(at + 1) };
}

export class ConvaiWorkspace extends pulumi.ComponentResource {
  /** The resources by kind and definition name. */
  readonly resources: Partial<Record<FileKind, Record<string, pulumi.CustomResource>>> = {};
  /** Their ids by kind and definition name. */
  readonly ids: pulumi.Output<WorkspaceIds>;
  /** Each registered definition's resource inputs, by `ref:<kind>/<name>`. */
  readonly #args = new Map<string, unknown>();

  constructor(name: string, args: ConvaiWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
    const profile = args.profile ?? stackProfile();
    const definitions = loadDefinitions({
      directory: args.directory,
      overlays: args.overlays,
      stack: args.stack ?? pulumi.getStack(),
      profile,
      hasConfig: (key) => {
        const { config, name: configName } = configOf(key);
        return config.getSecret(configName) !== undefined;
      },
    });
    super("elevenlabs:index:ConvaiWorkspace", name, {}, opts);
    for (const definition of definitions) this.#register(name, definition, profile);
    const ids: Record<string, Record<string, pulumi.Output<string>>> = {};
    for (const [kind, byName] of Object.entries(this.resources))
      ids[kind] = Object.fromEntries(Object.entries(byName).map(([n, r]) => [n, r.id]));
    this.ids = pulumi.output(ids) as pulumi.Output<WorkspaceIds>;
    this.registerOutputs({ ids: this.ids });
  }

  /** Definitions arrive after the ones they refer to, so every reference finds its resource. */
  #register(component: string, { kind, name, inputs, references }: Definition, profile: Profile): void {
    const { row } = kindModel(kind, profile);
    const resolved = replaceRefs(inputs, (refKind, refName) => {
      const target = this.resources[refKind as FileKind]?.[refName];
      if (!target)
        throw new ElevenLabsError(
          `${kind} ${name}: ref:${refKind}/${refName} is not defined`,
          ErrorCode.InvalidDefinitions,
        );
      return target.id;
    });
    const args = replaceSecrets(resolved) as Record<string, unknown>;
    if (row.triggeredByReferences && args.triggers === undefined) {
      const refs = [...new Set(references.map((r) => formatRef(r.kind, r.name)))];
      args.triggers = Object.fromEntries(refs.map((ref) => [ref.slice("ref:".length), this.#args.get(ref)]));
    }
    this.#args.set(formatRef(kind, name), args);
    const resource = new row.Resource(`${component}-${name}`, args, { parent: this });
    this.resources[kind] = { ...this.resources[kind], [name]: resource };
  }
}

/** The stack's API profile, read as the provider reads it (provider/config.ts). */
function stackProfile(): Profile {
  const config = new pulumi.Config("elevenlabs");
  return resolveProfile({ get: (key) => config.get(key.replace(/^elevenlabs:/, "")) }).profile;
}

function replaceSecrets(value: unknown): unknown {
  const key = placeholderKey(value);
  if (key !== undefined) {
    const { config, name } = configOf(key);
    return config.requireSecret(name);
  }
  if (Array.isArray(value)) return value.map(replaceSecrets);
  if (value !== null && typeof value === "object" && !pulumi.Output.isInstance(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSecrets(v)]));
  return value;
}
