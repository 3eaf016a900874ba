import { checkAll, invalidQuery } from "../../errors";
import { enumParam, intParam } from "../../query";

/** Live lists page by cursor (live-vs-seed.md §1): `page_size` 1–100, default 30. */
export const LIVE_DEFAULT_PAGE_SIZE = 30;
export const LIVE_MAX_PAGE_SIZE = 100;
const DIRECTIONS = ["asc", "desc"] as const;

export interface CursorQuery {
  after?: { key: string; id: string };
  /** Undefined only where the route allows "everything" (secrets without `page_size`). */
  pageSize: number | undefined;
  sortBy: string;
  direction: "asc" | "desc";
}

/**
 * `cursor`, `page_size`, `sort_by`, `sort_direction`. A page size over 100 is a 422, as FastAPI's
 * `le=100` gives, not capped as in the seed.
 */
export function parseCursorQuery(
  query: URLSearchParams,
  sortFields: readonly [string, ...string[]],
  options: { unpagedWithoutSize?: boolean } = {},
): CursorQuery {
  const [after, pageSize, sortBy, direction] = checkAll(
    () => decodeCursor(query.get("cursor")),
    () => {
      if (options.unpagedWithoutSize && query.get("page_size") === null) return undefined;
      const size = intParam(query, "page_size", LIVE_DEFAULT_PAGE_SIZE, 1);
      if (size > LIVE_MAX_PAGE_SIZE) throw invalidQuery("page_size", `must be at most ${LIVE_MAX_PAGE_SIZE}`);
      return size;
    },
    () => enumParam(query, "sort_by", sortFields, sortFields[0]),
    () => enumParam(query, "sort_direction", DIRECTIONS, "desc"),
  );
  return { after, pageSize, sortBy, direction };
}

/**
 * One page after the cursor. The cursor names the last item's sort key and id, not an offset, so
 * deleting or adding objects between pages never repeats or skips one that stayed.
 */
export function cursorPage<T>(
  items: T[],
  q: CursorQuery,
  id: (item: T) => string,
  key: (item: T, sortBy: string) => string,
): { page: T[]; next_cursor: string | null; has_more: boolean } {
  const sign = q.direction === "asc" ? 1 : -1;
  const order = (a: { key: string; id: string }, b: { key: string; id: string }) =>
    sign * (compare(a.key, b.key) || compare(a.id, b.id));
  const keyed = items.map((item) => ({ item, key: key(item, q.sortBy), id: id(item) })).sort(order);
  const after = q.after;
  const rest = after ? keyed.filter((k) => order(k, after) > 0) : keyed;
  const size = q.pageSize ?? rest.length;
  const page = rest.slice(0, size);
  const last = page.at(-1);
  const hasMore = rest.length > size;
  return {
    page: page.map((k) => k.item),
    next_cursor: hasMore && last ? encodeCursor({ key: last.key, id: last.id }) : null,
    has_more: hasMore,
  };
}

const encodeCursor = (c: { key: string; id: string }) =>
  Buffer.from(JSON.stringify([c.key, c.id])).toString("base64url");

function decodeCursor(raw: string | null): { key: string; id: string } | undefined {
  if (raw === null || raw === "") return undefined;
  try {
    const [key, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    if (typeof key === "string" && typeof id === "string") return { key, id };
  } catch {}
  throw invalidQuery("cursor", "is not a cursor this API returned");
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
