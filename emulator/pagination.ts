import { checkAll } from "./errors";
import { enumParam, intParam } from "./query";

/** Contract "Pagination": 0-based `page`, `page_size` default 20 and capped (not rejected) at 100. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const ORDER_BY = ["created_at", "updated_at", "name"] as const;
const DIRECTIONS = ["asc", "desc"] as const;

export interface ListQuery {
  page: number;
  pageSize: number;
  orderBy: (typeof ORDER_BY)[number];
  direction: (typeof DIRECTIONS)[number];
}

/** The paging and ordering parameters; every bad one is reported in the same 400. */
export function parseListQuery(query: URLSearchParams): ListQuery {
  const [page, pageSize, orderBy, direction] = checkAll(
    () => intParam(query, "page", 0, 0),
    () => intParam(query, "page_size", DEFAULT_PAGE_SIZE, 1),
    () => enumParam(query, "order_by", ORDER_BY, "created_at"),
    () => enumParam(query, "order_direction", DIRECTIONS, "desc"),
  );
  return { page, pageSize: Math.min(pageSize, MAX_PAGE_SIZE), orderBy, direction };
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
