// Parsing of mysqltest files (t/*.test) as TiDB's integration tests use them: statements end with ';' at the end of
// a line, '#' lines are comments, '--cmd' lines (and bare command words such as `connection x;`) are directives.

export type MtCommand =
  | { kind: 'query'; line: number; text: string }
  | { kind: 'error'; line: number; codes: string[] }
  | { kind: 'echo'; line: number; text: string }
  | { kind: 'flag'; line: number; name: MtFlag; on: boolean }
  | { kind: 'sorted_result'; line: number }
  | { kind: 'replace_column'; line: number; pairs: { col: number; value: string }[] }
  | { kind: 'replace_regex'; line: number; rules: { re: RegExp; replacement: string }[] }
  | { kind: 'connect'; line: number; name: string; user: string; db: string }
  | { kind: 'connection'; line: number; name: string }
  | { kind: 'disconnect'; line: number; name: string }
  | { kind: 'unsupported'; line: number; text: string };

export type MtFlag = 'warnings' | 'info' | 'query_log' | 'result_log';

const FLAG_COMMANDS = new Map<string, { name: MtFlag; on: boolean }>();
for (const name of ['warnings', 'info', 'query_log', 'result_log'] as const) {
  FLAG_COMMANDS.set(`enable_${name}`, { name, on: true });
  FLAG_COMMANDS.set(`disable_${name}`, { name, on: false });
}

/** Command words mysqltest recognises at the start of a statement even without a leading '--'. */
const COMMAND_WORDS = new Set([
  'echo',
  'error',
  'sorted_result',
  'replace_column',
  'replace_regex',
  'connect',
  'connection',
  'disconnect',
  'sleep',
  'real_sleep',
  'let',
  'source',
  'system',
  'exec',
  'delimiter',
  'begin_concurrent',
  'end_concurrent',
  'single_query',
  'send',
  'reap',
  'vertical_results',
  'horizontal_results',
  'query_vertical',
  ...FLAG_COMMANDS.keys(),
]);

/** Splits a file into commands; queries keep their text as lines trimmed and joined with '\n'. */
export function parseMysqltest(text: string): MtCommand[] {
  const raw: { text: string; line: number; directive: boolean }[] = [];
  let newStmt = true;
  text.split('\n').forEach((l, i) => {
    const s = l.trim();
    if (s.startsWith('#')) {
      newStmt = true;
      return;
    }
    if (s.startsWith('--')) {
      raw.push({ text: s.slice(s[2] === ' ' ? 3 : 2), line: i + 1, directive: true });
      newStmt = true;
      return;
    }
    if (s === '') return;
    if (newStmt) raw.push({ text: s, line: i + 1, directive: false });
    else raw[raw.length - 1].text += `\n${s}`;
    newStmt = s.endsWith(';');
  });
  return raw.map((r) => toCommand(r.text, r.line, r.directive));
}

function toCommand(text: string, line: number, directive: boolean): MtCommand {
  const m = /^[^\s(;]*/.exec(text);
  const word = (m ? m[0] : '').toLowerCase();
  const rest = text.slice(word.length).trim();
  if (!COMMAND_WORDS.has(word)) {
    return directive ? { kind: 'unsupported', line, text } : { kind: 'query', line, text };
  }
  const arg = rest.replace(/;$/, '').trim();
  const flag = FLAG_COMMANDS.get(word);
  if (flag) return { kind: 'flag', line, ...flag };
  switch (word) {
    case 'echo':
      return { kind: 'echo', line, text: rest };
    case 'error':
      return { kind: 'error', line, codes: arg.split(',').map((c) => c.trim()) };
    case 'sorted_result':
      return { kind: 'sorted_result', line };
    case 'replace_column': {
      const parts = arg.split(/\s+/);
      const pairs: { col: number; value: string }[] = [];
      for (let i = 0; i + 1 < parts.length; i += 2) pairs.push({ col: Number(parts[i]), value: parts[i + 1] });
      return { kind: 'replace_column', line, pairs };
    }
    case 'replace_regex':
      return { kind: 'replace_regex', line, rules: parseReplaceRegex(arg) };
    case 'connect': {
      // connect (name, host, user, password, db)
      const args = arg.replace(/^\(|\)$/g, '').split(',');
      const user = (args[2] ?? '').trim();
      return { kind: 'connect', line, name: (args[0] ?? '').trim(), user, db: (args[4] ?? '').trim() };
    }
    case 'connection':
      return { kind: 'connection', line, name: arg };
    case 'disconnect':
      return { kind: 'disconnect', line, name: arg };
    default:
      return { kind: 'unsupported', line, text };
  }
}

/** `/pattern/replacement/ /p2/r2/` → regex rules (Go regexp syntax is close enough to JavaScript's). */
export function parseReplaceRegex(arg: string): { re: RegExp; replacement: string }[] {
  const rules: { re: RegExp; replacement: string }[] = [];
  for (const m of arg.matchAll(/\/((?:[^/\\]|\\.)*)\/((?:[^/\\]|\\.)*)\/(i?)/g)) {
    try {
      rules.push({ re: new RegExp(m[1], `g${m[3]}`), replacement: m[2].replace(/\$(\d)/g, '$$$1') });
    } catch {
      // an unsupported pattern is ignored, like an unknown directive
    }
  }
  return rules;
}

/**
 * Splits a query into statements at top-level ';' (outside quotes and comments); each keeps its ';' and is trimmed,
 * which is how the tester echoes it.
 */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' && c !== '`' ? 2 : 1;
      i++;
    } else if (c === '#' || (c === '-' && text.startsWith('-- ', i))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === ';') {
      // Empty statements right after a ';' belong to it, as the tester echoes `a;;` whole.
      let end = i + 1;
      while (text[end] === ';') end++;
      out.push(text.slice(start, end).trim());
      start = i = end;
    } else {
      i++;
    }
  }
  const tail = text.slice(start).trim();
  if (tail !== '') out.push(tail);
  return out;
}
