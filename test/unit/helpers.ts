import { analyzeText, EngineOptions, DEFAULT_ENGINE_OPTIONS } from '../../src/core';

/** A finding in one line: `rule severity L:C-L:C [weaknesses]` (lines and columns zero-based). */
export function brief(path: string, text: string, options: EngineOptions = DEFAULT_ENGINE_OPTIONS): string[] {
  return analyzeText(path, text, options).map((f) => {
    const r = f.range;
    const w = f.weaknesses.length > 0 ? ` [${f.weaknesses.join(',')}]` : '';
    return `${f.rule} ${f.severity} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}${w}`;
  });
}

/** Lines joined with LF. */
export function lines(...l: string[]): string {
  return l.join('\n') + '\n';
}

/** 50 distinct-enough characters from Django's alphabet: passes W009. */
export const STRONG = 'k3v#9x!q2m@w8z$r7t%y6u^i5o&p4a*s3d(f2g-h1j_=l+0cb)';
