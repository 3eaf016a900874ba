/** The directory holding the real Pulumi engine's `pulumi` (see engine-bin.cjs). */
export function engineBin(repo: string): string;
