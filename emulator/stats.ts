/**
 * Request counts per `METHOD /v1/convai/template`, so tests can assert how many calls a client
 * made, and answered statuses, so benchmarks can report 429s and injected faults.
 */
export class Stats {
  private total = 0;
  private byRoute = new Map<string, number>();
  private byStatus = new Map<number, number>();
  private faults = new Map<InjectedFault, number>();
  /** API requests received and not yet answered or abandoned; not reset (they are still running). */
  private inFlight = 0;

  count(key: string): void {
    this.total++;
    this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
  }

  /** Call when an API request arrives; the returned function when its response closes (answered or dropped). */
  begin(): () => void {
    this.inFlight++;
    return () => {
      this.inFlight--;
    };
  }

  countStatus(status: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  /** One fault injected into one request (a request can meet a latency spike and an error). */
  countFault(kind: InjectedFault): void {
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    return {
      total: this.total,
      byRoute: Object.fromEntries(this.byRoute),
      byStatus: Object.fromEntries(this.byStatus),
      faults: Object.fromEntries(this.faults),
      inFlight: this.inFlight,
    };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
    this.byStatus.clear();
    this.faults.clear();
  }
}

/** The faults `/_emulator/faults` can inject, as counted in `StatsSnapshot.faults`. */
export type InjectedFault = "latency" | "latencySpike" | "drop" | "storm" | "error" | "lostResponse";

/** What `GET /_emulator/stats` answers. */
export interface StatsSnapshot {
  total: number;
  /** `"GET /v1/convai/agents/{agent_id}": 3` */
  byRoute: Record<string, number>;
  /** `"429": 2` */
  byStatus: Record<string, number>;
  /** Faults injected, by kind: `"error": 6`. A test that injects one can prove it happened. */
  faults: Partial<Record<InjectedFault, number>>;
  /** API requests being worked on now (a client that went away does not end them: the work still lands). */
  inFlight: number;
}
