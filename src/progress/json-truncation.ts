/**
 * Whether text that failed `JSON.parse` was valid JSON cut short (a download that stopped, a
 * file copied in part) rather than something else: it ends inside a string, or with brackets
 * still open. Engines word their parse errors differently, so this reads the text itself.
 */
export function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return false; // more closing than opening: malformed, not cut short
    }
  }
  return inString || depth > 0;
}
