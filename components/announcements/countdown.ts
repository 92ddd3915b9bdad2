// "in 4 minutes 12 seconds" for the maintenance countdown.
export function describeCountdown(ms: number): string {
  if (ms <= 0) return "now";
  const total = Math.ceil(ms / 1000);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (d > 0) return `in ${part(d, "day")} ${part(h, "hour")}`;
  if (h > 0) return `in ${part(h, "hour")} ${part(m, "minute")}`;
  if (m > 0) return `in ${part(m, "minute")} ${part(s, "second")}`;
  return `in ${part(s, "second")}`;
}
