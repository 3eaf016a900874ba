/**
 * Hostile and random arguments to every public function, against a real emulator whose stats
 * prove that a refused call sent nothing. A function never throws anything but an
 * InvalidArgumentError for arguments it cannot use (no TypeError from deep inside), and that
 * error names the argument's path.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { ElevenLabsError, InvalidArgumentError } from "../../../provider/errors";
import {
  getConversation,
  getSignedUrl,
  iterateConversations,
  listConversations,
  sendConversationFeedback,
  startOutboundCall,
} from "../../../provider/functions";
import { useEmulatorClient } from "../client/emulator-harness";

type Ctx = ReturnType<typeof useEmulatorClient>;

const hostileKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "", "a.b", "😀"),
  fc.string(),
);
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ key: hostileKey, maxDepth: 3, withNullPrototype: true }),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    null,
    undefined,
    "",
    ".",
    "..",
    "x".repeat(100_000),
    [],
    {},
  ),
);

/**
 * Each function with its arguments drawn from `hostile`, mixed into a valid call so each argument
 * gets hit; field names of both profiles' shapes.
 */
const callsOf = (ctx: Ctx): [string, fc.Arbitrary<() => Promise<unknown>>][] => [
  ["getConversation", hostile.map((id) => () => getConversation(ctx.client, id as string))],
  ["getSignedUrl", hostile.map((id) => () => getSignedUrl(ctx.client, id as string))],
  [
    "listConversations",
    fc
      .oneof(
        hostile,
        fc.dictionary(
          fc.constantFrom(
            "agentId",
            "status",
            "startDate",
            "endDate",
            "pageSize",
            "callStartAfterUnix",
            "callSuccessful",
            "excludeStatuses",
          ),
          hostile,
        ),
      )
      .map((filters) => () => listConversations(ctx.client, filters as never)),
  ],
  [
    "iterateConversations",
    fc
      .dictionary(fc.constantFrom("status", "pageSize", "startDate", "callStartBeforeUnix"), hostile, { minKeys: 1 })
      .map((filters) => async () => {
        for await (const _ of iterateConversations(ctx.client, filters as never)) break;
      }),
  ],
  [
    "sendConversationFeedback",
    fc.record({ id: fc.oneof(fc.constant("conv_1"), hostile), rating: hostile, feedback: fc.option(hostile) }).map(
      ({ id, rating, feedback }) =>
        () =>
          sendConversationFeedback(ctx.client, id as string, (feedback === null ? { rating } : feedback) as never),
    ),
  ],
  [
    "startOutboundCall",
    fc
      .oneof(
        hostile,
        fc.record({ agentId: fc.oneof(fc.constant("agent_1"), hostile), toNumber: hostile }),
        fc.record({ agentId: hostile, toNumber: fc.constant("+14155550100"), metadata: hostile }),
        fc.record({
          agentId: fc.constant("agent_1"),
          agentPhoneNumberId: hostile,
          toNumber: fc.constant("+14155550100"),
        }),
      )
      .map((call) => () => startOutboundCall(ctx.client, call as never)),
  ],
];

describe.each(["seed", "live"] as const)("%s API profile", (profile) => {
  const ctx = useEmulatorClient({ profile }, { profile });
  beforeEach(() => ctx.emulator.resetStats());
  describe.each(callsOf(ctx))("%s on hostile arguments", (name, call) => {
    it("either goes to the API or refuses with an InvalidArgumentError naming the argument, sending nothing", async () => {
      await fc.assert(
        fc.asyncProperty(call, async (invoke) => {
          const before = (await ctx.emulator.stats()).total;
          const error = await invoke().then(
            () => undefined,
            (e: unknown) => e,
          );
          const sent = (await ctx.emulator.stats()).total - before;
          if (error instanceof InvalidArgumentError) {
            expect(sent).toBe(0);
            expect(error.code).toBe("INVALID_ARGUMENT");
            expect(error.failures.length).toBeGreaterThan(0);
            for (const failure of error.failures) expect(failure.property).not.toBe("");
            expect(error.message.startsWith(`${name}: `)).toBe(true);
          } else if (error !== undefined) {
            // Anything else must be the API's answer (404 for an id that does not exist, …), never a crash.
            expect(error, String(error)).toBeInstanceOf(ElevenLabsError);
            expect(sent, String(error)).toBeGreaterThan(0);
          }
        }),
        { numRuns: 100 },
      );
    });
  });
});

describe("function argument checks", () => {
  const ctx = useEmulatorClient();
  beforeEach(() => ctx.emulator.resetStats());

  it("name the argument and the field, and send nothing", async () => {
    const error = await startOutboundCall(ctx.client, { agentId: "", toNumber: "4155550100" }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.failures.map((f: { property: string }) => f.property)).toEqual(["call.agentId", "call.toNumber"]);
    expect(error.message).toMatch(
      /^startOutboundCall: call\.agentId: must not be empty; call\.toNumber: expected an E\.164/,
    );
    await expect(getConversation(ctx.client, "..")).rejects.toMatchObject({
      message: 'getConversation: conversationId: expected an object id, got ".."',
    });
    await expect(sendConversationFeedback(ctx.client, "conv_1", null as never)).rejects.toMatchObject({
      message: "sendConversationFeedback: feedback: expected an object, got null",
    });
    await expect(listConversations(ctx.client, { status: "finished" as never })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(listConversations(ctx.client, { statuss: "done" } as never)).rejects.toMatchObject({
      message: "listConversations: filters.statuss: is not a property of listConversations: did you mean status?",
    });
    expect((await ctx.emulator.stats()).total).toBe(0);
  });
});
