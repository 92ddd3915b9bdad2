// Types of noise.mjs, for the TypeScript unit test (test/bench/noise.test.ts).
export type Reading = { rss: number; spread: number };
export function summarizeReadings(values: number[]): Reading;
export function costPer(before: Reading, after: Reading, count: number): { bytes: number; noiseBytes: number; belowNoise: boolean };
export function kbOrNoise(bytes: number | null | undefined, noiseBytes: number | null | undefined, belowNoise: boolean): number | string | null;
export function ratioText(tandem: unknown, peers: unknown[], better: "lower" | "higher" | null): string;
