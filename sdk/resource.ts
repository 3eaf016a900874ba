/** What every SDK resource class shares: input typing, the creation token, the props bag. */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { outputNames, secretRulesOf } from "../provider/models/index";
import { RESOURCE_MODULE, type ResourceKind, typeToken } from "../provider/models/spec";
import { providers } from "./shim";

type Primitive = string | number | boolean | null | undefined;

/** `T` with `pulumi.Input` allowed at every level. */
export type DeepInput<T> = T extends Primitive
  ? pulumi.Input<T>
  : T extends readonly (infer U)[]
    ? pulumi.Input<DeepInput<U>[]>
    : T extends object
      ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
      : pulumi.Input<T>;

/** Drops index signatures (loose zod objects) so the named fields keep their types. */
type KnownKeys<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/** Resource args from a provider model: every field an Input, bookkeeping set by the SDK left out. */
export type ArgsOf<T, Omitted extends string = never> = {
  [K in keyof KnownKeys<T> as K extends "creationToken" | Omitted ? never : K]: DeepInput<KnownKeys<T>[K]>;
};

/**
 * sha256 of project/stack/type/name: the same on every run of this stack for this resource, so a
 * crashed `up` can find the object it created (see provider/handlers/resource-handler.ts).
 */
export function creationToken(kind: ResourceKind, name: string): string {
  const id = `${pulumi.getProject()}/${pulumi.getStack()}/${typeToken(kind)}/${name}`;
  return createHash("sha256").update(id).digest("hex").slice(0, 24);
}

/**
 * Builds the constructor call of a dynamic resource from its kind's model: every output passed as
 * `undefined` (or it is missing on the object), the creation token, and the secret fields wrapped
 * in `pulumi.secret` and listed in `additionalSecretOutputs`.
 */
export function resourceArgs(
  kind: ResourceKind,
  name: string,
  args: object,
  opts: pulumi.CustomResourceOptions | undefined,
): [
  dynamic: pulumi.dynamic.ResourceProvider,
  name: string,
  props: pulumi.Inputs,
  opts: pulumi.CustomResourceOptions | undefined,
  module: string,
  type: string,
] {
  // The program cannot know the stack's API profile: what is secret in either profile is secret.
  const { secretOutputs, secretPaths } = secretRulesOf(kind);
  const props: pulumi.Inputs = Object.fromEntries(outputNames(kind).map((o) => [o, undefined]));
  Object.assign(props, args, { creationToken: creationToken(kind, name) });
  // Secret even when the program passes plain text: the engine then keeps it secret in state.
  for (const key of secretOutputs) if (props[key] !== undefined) props[key] = pulumi.secret(props[key]);
  for (const path of secretPaths) {
    const [key, ...below] = path.split(".") as [string, ...string[]];
    if (props[key] !== undefined) props[key] = secretWhenSet(props[key], below);
  }
  const merged =
    secretOutputs.length > 0 ? pulumi.mergeOptions(opts, { additionalSecretOutputs: [...secretOutputs] }) : opts;
  return [providers[kind], name, props, merged, RESOURCE_MODULE, kind];
}

/**
 * A top-level input made secret as a whole when the nested field at `below` is set (a webhook
 * signing secret inside `platformSettings`): the engine tracks secrecy per top-level property, and
 * an output is secret when its input was. Without that field the input stays readable in previews.
 */
function secretWhenSet(input: pulumi.Input<unknown>, below: readonly string[]): pulumi.Output<unknown> {
  return pulumi.output(input as pulumi.Input<Record<string, unknown>>).apply((value) => {
    let at: unknown = value;
    for (const key of below)
      at = at !== null && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
    return at === undefined ? value : pulumi.secret(value);
  });
}
