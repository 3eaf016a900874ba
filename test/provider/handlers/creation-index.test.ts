import { describe, expect, it } from "vitest";
import { CreationIndex } from "../../../provider/handlers/creation-index";

/** A list scope whose listings the test releases one by one, counting how many were started. */
function scope(objects: { id: string }[]) {
  const pending: (() => void)[] = [];
  let started = 0;
  let failNext = false;
  const list = async function* () {
    started++;
    const fail = failNext;
    failNext = false;
    await new Promise<void>((release) => pending.push(release));
    if (fail) throw new Error("listing failed");
    yield* objects.map((o) => ({ ...o }));
  };
  return {
    index: new CreationIndex(list, "id"),
    releaseAll: () => {
      for (const release of pending.splice(0)) release();
    },
    started: () => started,
    failNextListing: () => {
      failNext = true;
    },
  };
}

describe("CreationIndex", () => {
  it("concurrent first lookups share one listing; later ones use it", async () => {
    const s = scope([{ id: "a" }]);
    const first = [s.index.items(), s.index.items()];
    s.releaseAll();
    expect(await Promise.all(first)).toEqual([[{ id: "a" }], [{ id: "a" }]]);
    expect(await s.index.items()).toEqual([{ id: "a" }]);
    expect(s.started()).toBe(1);
  });

  it("a fresh listing is never the one already under way, which may predate the object sought", async () => {
    const s = scope([{ id: "a" }]);
    const first = s.index.items();
    const fresh = s.index.fresh();
    expect(s.started()).toBe(2);
    s.releaseAll();
    await Promise.all([first, fresh]);
  });

  it("keeps what this process creates and deletes, and retries a listing that failed", async () => {
    const s = scope([{ id: "a" }]);
    s.failNextListing();
    const failed = s.index.items();
    s.releaseAll();
    await expect(failed).rejects.toThrow("listing failed");
    const retried = s.index.items();
    s.releaseAll();
    expect(await retried).toEqual([{ id: "a" }]);
    s.index.put({ id: "b" });
    s.index.remove("a");
    expect(await s.index.items()).toEqual([{ id: "b" }]);
    expect(s.started()).toBe(2);
  });

  it("a scope started empty needs no listing, keeps what is put in it, and still lists afresh when asked", async () => {
    const s = scope([{ id: "a" }]);
    s.index.startEmpty();
    s.index.put({ id: "b" });
    expect(await s.index.items()).toEqual([{ id: "b" }]);
    expect(s.started()).toBe(0);
    const fresh = s.index.fresh();
    s.releaseAll();
    expect(await fresh).toEqual([{ id: "a" }]);
  });

  it("starting empty does not override a listing already made or under way", async () => {
    const s = scope([{ id: "a" }]);
    const first = s.index.items();
    s.index.startEmpty();
    s.releaseAll();
    expect(await first).toEqual([{ id: "a" }]);
    s.index.startEmpty();
    expect(await s.index.items()).toEqual([{ id: "a" }]);
  });
});
