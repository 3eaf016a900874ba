/**
 * Tracked timers for the emulator's background work (document processing, call progress,
 * webhook retries) so `close()` and `reset()` can cancel all of it and tests exit promptly.
 */
export class Scheduler {
  private timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  after(ms: number, task: () => void | Promise<void>): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      Promise.resolve()
        .then(task)
        .catch((error) => this.onError(error));
    }, ms);
    this.timers.add(timer);
  }

  /** For `close()`: cancels everything and refuses work scheduled by tasks still finishing. */
  stop(): void {
    this.stopped = true;
    this.cancelAll();
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
