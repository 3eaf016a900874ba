import fs from "node:fs";

/**
 * Append-only JSON-lines journal. Each append is one line written and fsynced before it
 * returns, so a write the API acknowledged is on disk. A SIGKILL mid-append leaves at most a
 * torn last line, which `readJournal` skips.
 */
export class Journal {
  private fd: number;
  private lines = 0;

  constructor(readonly path: string) {
    this.fd = fs.openSync(path, "a");
  }

  get length(): number {
    return this.lines;
  }

  append(entry: unknown): void {
    fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fs.fsyncSync(this.fd);
    this.lines++;
  }

  /** Called once a snapshot holds everything the journal said. */
  truncate(): void {
    fs.ftruncateSync(this.fd, 0);
    fs.fsyncSync(this.fd);
    this.lines = 0;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/** Every complete, parseable line; a torn or garbled line (only ever the last) is dropped. */
export function readJournal(path: string): unknown[] {
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const entries: unknown[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      entries.push(JSON.parse(line));
    } catch {
      // A torn append from a crash: never acknowledged, so dropping it loses nothing.
    }
  }
  return entries;
}
