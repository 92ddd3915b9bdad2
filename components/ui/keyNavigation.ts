// Where the arrow keys, Home and End move focus in a row or list of `count` items (wrapping at the
// ends): shared by the toolbar pattern (both axes) and menus (up and down only).

export function movedIndex(key: string, at: number, count: number, axis: "vertical" | "both"): number | null {
  const next = key === "ArrowDown" || (axis === "both" && key === "ArrowRight");
  const previous = key === "ArrowUp" || (axis === "both" && key === "ArrowLeft");
  if (count === 0) return null;
  if (next) return (at + 1) % count;
  if (previous) return (at - 1 + count) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}
