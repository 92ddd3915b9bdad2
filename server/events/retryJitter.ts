// Reconnect hints with jitter. Every stream an instance holds loses its connection at the same moment
// when the instance dies or shuts down, and EventSource waits exactly the `retry:` it was last given:
// one fixed value brings all of them back to the surviving instances in the same instant. Each stream
// gets its own value instead, spread evenly over ±50 % of the nominal one (the mean is unchanged).
export function jitteredRetryMs(nominalMs: number, random: () => number = Math.random): number {
  return Math.round(nominalMs * (0.5 + random()));
}
