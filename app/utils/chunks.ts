/** Splits a list into runs of at most `size`, e.g. rows per multi-row INSERT (SQLite caps bound values per statement). */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
