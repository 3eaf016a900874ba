import type { ElevenLabsClient } from "../client/client";
import type { JsonObject } from "../diff/json";

/**
 * The objects of one list scope (a kind, or one agent's documents) as crash recovery sees them.
 *
 * Recovery asks, before every create, whether an object carrying the resource's creation token
 * already exists. Listing the scope each time would double the API calls of an `up` (and make it
 * quadratic in pages), so a provider process lists a scope once, at its first create there, and
 * then keeps the list current with what it creates and deletes itself. That is enough: the
 * orphans of a crashed run exist before this process starts, and the stack lock keeps other
 * deployments of the stack out. After an answer that leaves a create in doubt, the scope is
 * listed afresh (`fresh`), because that object, if it exists, is newer than the first listing.
 */
export class CreationIndex {
  #items: JsonObject[] | undefined;
  #loading: Promise<JsonObject[]> | undefined;

  constructor(
    private readonly list: () => AsyncIterable<JsonObject>,
    private readonly idField: string,
  ) {}

  /** The scope's objects, listed on first use; concurrent first callers share one listing. */
  items(): Promise<JsonObject[]> {
    if (this.#items) return Promise.resolve(this.#items);
    this.#loading ??= this.fresh().then(
      (items) => {
        this.#items = items;
        return items;
      },
      (err: unknown) => {
        this.#loading = undefined; // a failed listing is tried again by the next create
        throw err;
      },
    );
    return this.#loading;
  }

  /**
   * A listing started now, never shared: one already under way may predate the object sought.
   * It leaves the index as it is; what the caller finds there it records with `put`.
   */
  async fresh(): Promise<JsonObject[]> {
    const items: JsonObject[] = [];
    for await (const item of this.list()) items.push(item);
    return items;
  }

  /**
   * The scope belongs to an object this process has just created (a new agent's documents), so
   * no earlier run can have left anything in it: its first lookup needs no listing.
   */
  startEmpty(): void {
    if (!this.#items && !this.#loading) this.#items = [];
  }

  /** Records an object this process made or fetched whole (replacing a summary of it). */
  put(item: JsonObject): void {
    if (!this.#items) return; // the listing still to come will include it
    this.remove(String(item[this.idField]));
    this.#items.push(item);
  }

  remove(id: string): void {
    if (this.#items) this.#items = this.#items.filter((item) => item[this.idField] !== id);
  }
}

/** Per client, so tests against several emulators (and several API keys) never share a listing. */
const indexes = new WeakMap<ElevenLabsClient, Map<string, CreationIndex>>();

export function creationIndex(client: ElevenLabsClient, scope: string, make: () => CreationIndex): CreationIndex {
  const byScope = indexes.get(client) ?? new Map<string, CreationIndex>();
  indexes.set(client, byScope);
  const index = byScope.get(scope) ?? make();
  byScope.set(scope, index);
  return index;
}
