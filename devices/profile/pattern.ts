/**
 * Profile patterns are regular expressions written as plain strings. JavaScript has no inline flags, but
 * operators coming from Python or PCRE write `(?i)` for "ignore case"; a leading `(?i)` is honoured here.
 */
export function compilePattern(source: string): RegExp {
  return source.startsWith('(?i)') ? new RegExp(source.slice(4), 'i') : new RegExp(source);
}

export function isValidPattern(source: string): boolean {
  try {
    compilePattern(source);
    return true;
  } catch {
    return false;
  }
}
