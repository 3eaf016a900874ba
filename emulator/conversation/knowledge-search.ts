import MiniSearch from "minisearch";
import type { DocumentRecord } from "../models/knowledge-base";
import type { Store } from "../store/store";
import { STOPWORDS } from "./words";

/** One sentence of a knowledge-base chunk: the unit the agent quotes. */
interface Passage {
  id: number;
  document_id: string;
  chunk_id: string;
  text: string;
}

export interface Retrieval {
  passage: string;
  document_id: string;
  chunk_id: string;
  score: number;
}

/** Longest term matched fuzzily; longer ones must match exactly or as a prefix. */
const MAX_FUZZY_TERM = 64;

/**
 * BM25 retrieval (minisearch) over the sentences of an agent's ready knowledge-base documents,
 * built once per conversation from the documents as they are when it starts. Fuzzy and prefix
 * matching absorb small recognition errors ("opening" finds "opens"). Stopwords are not indexed,
 * so a question that shares only small words with the knowledge base finds nothing.
 */
export class KnowledgeSearch {
  private readonly index = new MiniSearch<Passage>({
    fields: ["text"],
    storeFields: ["document_id", "chunk_id", "text"],
    processTerm: (term) => {
      const t = term.toLowerCase();
      return STOPWORDS.has(t) ? null : t;
    },
    // Fuzzy matching costs a (length + 1)² matrix per term: a typed megabyte "word" would ask
    // for a terabyte. No real word (nor anything the recogniser hears) is that long.
    searchOptions: { fuzzy: (term) => (term.length > MAX_FUZZY_TERM ? false : 0.2), prefix: true },
  });
  readonly documentIds: string[];

  /** `candidates`: the agent's documents, as its profile finds them; only the ready ones are searched. */
  constructor(store: Store, candidates: DocumentRecord[]) {
    const documents = candidates
      .filter((d) => d.status === "ready")
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.document_id.localeCompare(b.document_id));
    this.documentIds = documents.map((d) => d.document_id);
    const passages: Passage[] = [];
    for (const doc of documents) {
      const chunks = store.get("document_contents", doc.document_id)?.chunks ?? [];
      chunks.forEach((chunk, index) => {
        for (const sentence of chunk.split(/(?<=[.!?])\s+|\n+/)) {
          const text = sentence.trim();
          if (text)
            passages.push({ id: passages.length, document_id: doc.document_id, chunk_id: `chunk_${index}`, text });
        }
      });
    }
    this.index.addAll(passages);
  }

  /** Vocabulary of the knowledge base, for biasing the recogniser. */
  text(): string {
    return [...this.passages()].join("\n");
  }

  /** The best passage for `query`, or undefined when no content word matches. Ties go to the earlier passage. */
  best(query: string): Retrieval | undefined {
    const [top] = this.index.search(query);
    if (!top) return undefined;
    return { passage: top.text, document_id: top.document_id, chunk_id: top.chunk_id, score: top.score };
  }

  private *passages(): Iterable<string> {
    for (let id = 0; id < this.index.documentCount; id++) {
      const stored = this.index.getStoredFields(id);
      if (stored) yield String(stored.text);
    }
  }
}
