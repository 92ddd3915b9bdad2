// A byte count as people read a file size in messages: "2 MB", "4.5 MB" (one decimal at most).
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
