/**
 * Request counts per `METHOD /v1/convai/template`, so tests can assert how many calls a client
 * made, and answered statuses, so benchmarks can report 429s and injected faults.
 */
export class Stats {
  private total = 0;
  private byRoute = new Map<string, number>();
  private byStatus = new Map<number, number>();
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

  snapshot(): StatsSnapshot {
    return {
      total: this.total,
      byRoute: Object.fromEntries(this.byRoute),
      byStatus: Object.fromEntries(this.byStatus),
      inFlight: this.inFlight,
    };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
    this.byStatus.clear();
  }
}

/** What `GET /_emulator/stats` answers. */
export interface StatsSnapshot {
  total: number;
  /** `"GET /v1/convai/agents/{agent_id}": 3` */
  byRoute: Record<string, number>;
  /** `"429": 2` */
  byStatus: Record<string, number>;
  /** API requests being worked on now (a client that went away does not end them: the work still lands). */
  inFlight: number;
}
