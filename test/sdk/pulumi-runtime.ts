/**
 * A Pulumi program's runtime without an engine, for the SDK's unit tests: `pulumi.runtime.setMocks`
 * sets the project and stack names and records what each resource registers. It stands in for
 * the engine's bookkeeping only; no provider behaviour is faked (check/diff/create never run).
 */
import * as pulumi from "@pulumi/pulumi";

export interface Registration {
  type: string;
  /** The inputs as the engine receives them: a secret input arrives wrapped in the secret signature. */
  inputs: Record<string, unknown>;
}

const registrations = new Map<string, Registration>();

/**
 * Points the runtime at `project`/`stack`. The engine's answer to a registration is the inputs
 * plus `outputs`, so a test can tell what a program reads back.
 */
export async function useRuntime(project = "proj", stack = "dev", outputs: Record<string, unknown> = {}) {
  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, name, inputs }) => {
        registrations.set(name, { type, inputs });
        return { id: `${name}-id`, state: { ...inputs, ...outputs } };
      },
      call: () => ({}),
    },
    project,
    stack,
  );
}

export const resolved = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

/** What `resource` registered, once the registration went out. */
export async function registered(resource: pulumi.CustomResource): Promise<Registration> {
  const urn = await resolved(resource.urn);
  const name = urn.split("::").at(-1) as string;
  const registration = registrations.get(name);
  if (!registration) throw new Error(`${name} was not registered`);
  return registration;
}

/** True when the engine received this input as a secret. */
export const isSecretInput = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;

/** The value of an input as the engine received it, secret or not. */
export const plainInput = (value: unknown): unknown =>
  isSecretInput(value) ? (value as { value: unknown }).value : value;
