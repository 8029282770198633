// Character sets TiLite knows, as SHOW CHARACTER SET lists them (TiDB's default collations).

export interface Charset {
  readonly name: string;
  readonly defaultCollation: string;
  /** Maximum bytes per character. */
  readonly maxLen: number;
  readonly description: string;
}

const CHARSETS: readonly Charset[] = [
  { name: 'ascii', defaultCollation: 'ascii_bin', maxLen: 1, description: 'US ASCII' },
  { name: 'binary', defaultCollation: 'binary', maxLen: 1, description: 'binary' },
  { name: 'gbk', defaultCollation: 'gbk_bin', maxLen: 2, description: 'Chinese Internal Code Specification' },
  { name: 'latin1', defaultCollation: 'latin1_bin', maxLen: 1, description: 'Latin1' },
  { name: 'utf8', defaultCollation: 'utf8_bin', maxLen: 3, description: 'UTF-8 Unicode' },
  { name: 'utf8mb4', defaultCollation: 'utf8mb4_bin', maxLen: 4, description: 'UTF-8 Unicode' },
];

const BY_NAME = new Map(CHARSETS.map((c) => [c.name, c]));

/** Looks a character set up case-insensitively; utf8mb3 is an alias of utf8. */
export function getCharset(name: string): Charset | undefined {
  const n = name.toLowerCase();
  return BY_NAME.get(n === 'utf8mb3' ? 'utf8' : n);
}

export function allCharsets(): readonly Charset[] {
  return CHARSETS;
}
