import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * Peak resident memory of the dynamic provider's Node process(es) while an engine command runs.
 * The engine starts `node …/@pulumi/pulumi/cmd/dynamic-provider` with the project directory as
 * its working directory; the kernel keeps that process's high-water mark (`VmHWM`), so sampling
 * every `intervalMs` only misses growth in the last interval before it exits. Linux `/proc` only.
 */
export class ProviderMemory {
  private peakKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly projectDir: string,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling; the peak in MiB, or undefined when no provider process was seen. */
  stop(): number | undefined {
    clearInterval(this.timer);
    this.sample();
    return this.peakKb > 0 ? this.peakKb / 1024 : undefined;
  }

  private sample(): void {
    for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
      try {
        const cwd = readlinkSync(`/proc/${pid}/cwd`);
        if (cwd !== this.projectDir) continue;
        if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("cmd/dynamic-provider")) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) this.peakKb = Math.max(this.peakKb, Number(hwm[1]));
      } catch {
        // gone meanwhile, or not ours to inspect
      }
    }
  }
}
