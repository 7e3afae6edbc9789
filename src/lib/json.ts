// Stored JSON text as a value: null when it is not JSON (one bad row is never a 500).
export function parseOrNull(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
