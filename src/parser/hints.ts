// Optimizer hints: the text of a `/*+ ... *\/` comment split into `name(args)` entries.

import type { Hint } from './ast.js';

/** Parses hint comment content; malformed trailing text is ignored, as MySQL only warns about bad hints. */
export function parseHints(text: string): Hint[] {
  const hints: Hint[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 44) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && /[A-Za-z0-9_]/.test(text[j])) j++;
    if (j === i) break;
    const name = text.slice(i, j).toLowerCase();
    while (j < n && /\s/.test(text[j])) j++;
    if (text[j] !== '(') {
      hints.push({ name, args: [] });
      i = j;
      continue;
    }
    let depth = 0;
    let k = j;
    for (; k < n; k++) {
      if (text[k] === '(') depth++;
      else if (text[k] === ')' && --depth === 0) break;
    }
    const body = text.slice(j + 1, k).trim();
    hints.push(buildHint(name, body));
    i = k + 1;
  }
  return hints;
}

function buildHint(name: string, body: string): Hint {
  if (name === 'set_var') return { name, args: body === '' ? [] : [body.replace(/\s*=\s*/, '=')] };
  let rest = body;
  let queryBlock: string | undefined;
  if (rest.startsWith('@')) {
    const m = /^@`?([^\s,`]+)`?/.exec(rest);
    if (m) {
      queryBlock = m[1];
      rest = rest.slice(m[0].length);
    }
  }
  const args = rest
    .split(/[\s,]+/)
    .filter((a) => a !== '')
    .map((a) => a.replace(/`/g, ''));
  return queryBlock === undefined ? { name, args } : { name, args, queryBlock };
}
