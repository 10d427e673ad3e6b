/**
 * A file size as people read it: bytes below 1 KB, whole KB below 1 MB, MB with one decimal above
 * (1 KB = 1024 bytes, as chat apps show sizes).
 */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
