import { invalid } from "./errors";

/** Contract "Pagination": 0-based `page`, `page_size` default 20 and capped (not rejected) at 100. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const ORDER_BY = ["created_at", "updated_at", "name"] as const;

export interface ListQuery {
  page: number;
  pageSize: number;
  orderBy: (typeof ORDER_BY)[number];
  direction: "asc" | "desc";
}

export function parseListQuery(query: URLSearchParams): ListQuery {
  const page = nonNegativeInt(query, "page", 0);
  const pageSize = nonNegativeInt(query, "page_size", DEFAULT_PAGE_SIZE);
  if (pageSize === 0) throw invalid("page_size", "must be at least 1");
  const orderBy = query.get("order_by") ?? "created_at";
  if (!(ORDER_BY as readonly string[]).includes(orderBy)) {
    throw invalid("order_by", `must be one of ${ORDER_BY.join(", ")}`);
  }
  const direction = query.get("order_direction") ?? "desc";
  if (direction !== "asc" && direction !== "desc") throw invalid("order_direction", "must be asc or desc");
  return { page, pageSize: Math.min(pageSize, MAX_PAGE_SIZE), orderBy: orderBy as ListQuery["orderBy"], direction };
}

function nonNegativeInt(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw invalid(name, "must be a non-negative integer");
  return Number(raw);
}

/**
 * Sorts by the chosen field with the id as tie-break (both in the chosen direction, so a
 * page boundary never reorders equal timestamps), then cuts the page.
 */
export function paginate<T extends object>(items: T[], q: ListQuery, idKey: keyof T & string, itemsKey: string) {
  const sign = q.direction === "asc" ? 1 : -1;
  const field = (item: T) => String((item as Record<string, unknown>)[q.orderBy] ?? "");
  const id = (item: T) => String(item[idKey]);
  const sorted = [...items].sort((a, b) => sign * (compare(field(a), field(b)) || compare(id(a), id(b))));
  const start = q.page * q.pageSize;
  const total = sorted.length;
  const totalPages = Math.ceil(total / q.pageSize);
  return {
    [itemsKey]: sorted.slice(start, start + q.pageSize),
    pagination: {
      page: q.page,
      page_size: q.pageSize,
      total_count: total,
      total_pages: totalPages,
      has_more: start + q.pageSize < total,
    },
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
