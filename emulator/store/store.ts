import fs from "node:fs";
import path from "node:path";
import type { AgentRecord } from "../models/agent";
import type { ConversationRecord } from "../models/conversation";
import type { DocumentContent, DocumentRecord } from "../models/knowledge-base";
import type { PhoneNumberRecord } from "../models/phone-number";
import type { ToolRecord } from "../models/tool";
import type { AvatarRecord, SecretRecord, WorkspaceRecord } from "../models/workspace";
import { Journal, readJournal } from "./journal";
import { readSnapshot, writeSnapshot } from "./snapshot";

/** What each collection holds, keyed by id. A kind missing here fails to compile at its call site. */
export interface Collections {
  agents: AgentRecord;
  tools: ToolRecord;
  conversations: ConversationRecord;
  documents: DocumentRecord;
  document_contents: DocumentContent;
  phone_numbers: PhoneNumberRecord;
  secrets: SecretRecord;
  avatars: AvatarRecord;
  workspace: WorkspaceRecord;
  /** About the store itself: `profile` names the API profile whose objects it holds. */
  meta: { profile: string };
}
export type Kind = keyof Collections;
const KINDS: Kind[] = [
  "agents",
  "tools",
  "conversations",
  "documents",
  "document_contents",
  "phone_numbers",
  "secrets",
  "avatars",
  "workspace",
  "meta",
];

export type Op =
  | { [K in Kind]: { op: "put"; kind: K; id: string; value: Collections[K] } }[Kind]
  | { op: "delete"; kind: Kind; id: string };

type State = { [K in Kind]: Map<string, Collections[K]> };
type SnapshotFile = { version: 1; state: { [K in Kind]?: [string, Collections[K]][] } };

/** Journal lines between compactions; small enough that a restart replays quickly. */
const COMPACT_EVERY = 1000;

/**
 * The emulator's state. Every mutation is a batch of absolute puts/deletes: with a data
 * directory the batch is one journal line, fsynced before `apply` returns (so before the API
 * answers), and applied to memory after. Replaying a journal suffix over a snapshot that
 * already contains it yields the same state, so a crash between "snapshot renamed" and
 * "journal truncated" is harmless.
 */
export class Store {
  private state: State = emptyState();
  private journal?: Journal;
  private snapshotPath?: string;

  constructor(dataDir?: string) {
    if (!dataDir) return;
    fs.mkdirSync(dataDir, { recursive: true });
    this.snapshotPath = path.join(dataDir, "snapshot.json");
    const journalPath = path.join(dataDir, "journal.jsonl");
    const snapshot = readSnapshot(this.snapshotPath) as SnapshotFile | undefined;
    if (snapshot) {
      for (const kind of KINDS) {
        for (const [id, value] of snapshot.state[kind] ?? []) this.mutable(kind).set(id, value);
      }
    }
    for (const entry of readJournal(journalPath)) {
      const ops = (entry as { ops?: Op[] }).ops;
      if (Array.isArray(ops)) this.applyInMemory(ops);
    }
    this.journal = new Journal(journalPath);
    this.compact();
  }

  get<K extends Kind>(kind: K, id: string): Collections[K] | undefined {
    return this.state[kind].get(id) as Collections[K] | undefined;
  }

  list<K extends Kind>(kind: K): Collections[K][] {
    return [...this.state[kind].values()] as Collections[K][];
  }

  put<K extends Kind>(kind: K, id: string, value: Collections[K]): Collections[K] {
    this.apply([{ op: "put", kind, id, value } as Op]);
    return value;
  }

  delete(kind: Kind, id: string): void {
    this.apply([{ op: "delete", kind, id }]);
  }

  /** One atomic, durable batch. */
  apply(ops: Op[]): void {
    if (ops.length === 0) return;
    if (this.journal) {
      this.journal.append({ ops });
      if (this.journal.length >= COMPACT_EVERY) {
        this.applyInMemory(ops);
        this.compact();
        return;
      }
    }
    this.applyInMemory(ops);
  }

  /** Empties every collection (durably, as one batch). */
  clear(): void {
    const ops: Op[] = [];
    for (const kind of KINDS) for (const id of this.state[kind].keys()) ops.push({ op: "delete", kind, id });
    this.apply(ops);
  }

  close(): void {
    if (!this.journal) return;
    this.compact();
    this.journal.close();
    this.journal = undefined;
  }

  private compact(): void {
    if (!this.journal || !this.snapshotPath) return;
    const file: SnapshotFile = { version: 1, state: {} };
    for (const kind of KINDS) (file.state as Record<Kind, unknown>)[kind] = [...this.state[kind].entries()];
    writeSnapshot(this.snapshotPath, file);
    this.journal.truncate();
  }

  private applyInMemory(ops: Op[]): void {
    for (const op of ops) {
      if (!KINDS.includes(op.kind)) continue;
      if (op.op === "put") this.mutable(op.kind).set(op.id, op.value);
      else this.state[op.kind].delete(op.id);
    }
  }

  private mutable(kind: Kind): Map<string, unknown> {
    return this.state[kind] as Map<string, unknown>;
  }
}

function emptyState(): State {
  return Object.fromEntries(KINDS.map((kind) => [kind, new Map()])) as unknown as State;
}
