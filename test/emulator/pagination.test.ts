import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { expectError } from "./helpers";

let t: TestEmulator;
const names: string[] = [];
beforeAll(async () => {
  t = await TestEmulator.start();
  for (let i = 0; i < 45; i++) {
    const name = `agent-${String((i * 7) % 45).padStart(2, "0")}`;
    names.push(name);
    await t.api("POST", "/agents", { name });
  }
});
afterAll(() => t.close());

describe("list pagination and ordering", () => {
  it("defaults to page 0 of 20, newest first, with the contract's pagination block", async () => {
    const res = await t.api("GET", "/agents");
    expect(res.body.agents).toHaveLength(20);
    expect(res.body.pagination).toEqual({ page: 0, page_size: 20, total_count: 45, total_pages: 3, has_more: true });
    const created = res.body.agents.map((a: { created_at: string }) => a.created_at);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it("walks pages without gaps or repeats, and the last page says has_more false", async () => {
    const seen: string[] = [];
    for (let page = 0; page < 3; page++) {
      const res = await t.api("GET", `/agents?page=${page}&page_size=20`);
      seen.push(...res.body.agents.map((a: { agent_id: string }) => a.agent_id));
      expect(res.body.pagination.has_more).toBe(page < 2);
    }
    expect(new Set(seen).size).toBe(45);
    const beyond = await t.api("GET", "/agents?page=9");
    expect(beyond.body.agents).toEqual([]);
    expect(beyond.body.pagination.has_more).toBe(false);
  });

  it("caps page_size at 100 and says so", async () => {
    const res = await t.api("GET", "/agents?page_size=1000");
    expect(res.body.pagination.page_size).toBe(100);
    expect(res.body.agents).toHaveLength(45);
  });

  it("sorts by name in both directions", async () => {
    const asc = await t.api("GET", "/agents?order_by=name&order_direction=asc&page_size=100");
    expect(asc.body.agents.map((a: { name: string }) => a.name)).toEqual([...names].sort());
    const desc = await t.api("GET", "/agents?order_by=name&order_direction=desc&page_size=5");
    expect(desc.body.agents.map((a: { name: string }) => a.name)).toEqual([...names].sort().reverse().slice(0, 5));
  });

  it("rejects negative, non-integer and zero pages and unknown ordering with 400 naming the parameter", async () => {
    for (const [query, field] of [
      ["page=-1", "page"],
      ["page=1.5", "page"],
      ["page_size=abc", "page_size"],
      ["page_size=0", "page_size"],
      ["order_by=color", "order_by"],
      ["order_direction=up", "order_direction"],
    ]) {
      const err = expectError(await t.api("GET", `/agents?${query}`), 400, "VALIDATION_ERROR");
      expect(err.details.field).toBe(field);
    }
  });
});

describe("page boundaries (page_size 5)", () => {
  let b: TestEmulator;
  beforeAll(async () => {
    b = await TestEmulator.start();
  });
  afterAll(() => b.close());

  /** An emulator holding exactly `n` agents. */
  async function holding(n: number) {
    await b.reset();
    for (let i = 0; i < n; i++) await b.api("POST", "/agents", { name: `b${i}` });
  }
  const page = async (p: number) => (await b.api("GET", `/agents?page=${p}&page_size=5`)).body;

  // Literal expectations, one row a page: [page, items on it, has_more], for n agents in
  // ceil(n / 5) pages. Exact multiples are where `<` vs `<=` and ceil vs floor + 1 differ.
  it.each([
    [0, 0, [[0, 0, false]]],
    [4, 1, [[0, 4, false]]],
    [
      5,
      1,
      [
        [0, 5, false],
        [1, 0, false],
      ],
    ],
    [
      6,
      2,
      [
        [0, 5, true],
        [1, 1, false],
      ],
    ],
    [
      10,
      2,
      [
        [0, 5, true],
        [1, 5, false],
        [2, 0, false],
      ],
    ],
    [
      11,
      3,
      [
        [0, 5, true],
        [1, 5, true],
        [2, 1, false],
        [3, 0, false],
      ],
    ],
  ] as [number, number, [number, number, boolean][]][])(
    "%i agents: %i pages, has_more false exactly from the last page on",
    async (n, totalPages, pages) => {
      await holding(n);
      for (const [p, count, hasMore] of pages) {
        const body = await page(p);
        expect(body.agents).toHaveLength(count);
        expect(body.pagination).toEqual({
          page: p,
          page_size: 5,
          total_count: n,
          total_pages: totalPages,
          has_more: hasMore,
        });
      }
    },
  );

  it("the pages of an exact multiple hold every item once, in order, and nothing after the last", async () => {
    await holding(10);
    const all = (await b.api("GET", "/agents?page_size=100")).body.agents.map((a: { agent_id: string }) => a.agent_id);
    const paged = [...(await page(0)).agents, ...(await page(1)).agents].map((a: { agent_id: string }) => a.agent_id);
    expect(paged).toEqual(all);
    expect((await page(2)).agents).toEqual([]);
  });
});
