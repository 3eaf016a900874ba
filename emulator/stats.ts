/** Request counts per `METHOD /v1/convai/template`, so tests can assert how many calls a client made. */
export class Stats {
  private total = 0;
  private byRoute = new Map<string, number>();

  count(key: string): void {
    this.total++;
    this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
  }

  snapshot() {
    return { total: this.total, byRoute: Object.fromEntries(this.byRoute) };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
  }
}
