// Privilege names, the levels they may be granted at, and their order in SHOW GRANTS (MySQL 8's).

/** Every static privilege in SHOW GRANTS order. */
export const ALL_PRIVILEGES = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'DROP',
  'RELOAD',
  'SHUTDOWN',
  'PROCESS',
  'FILE',
  'REFERENCES',
  'INDEX',
  'ALTER',
  'SHOW DATABASES',
  'SUPER',
  'CREATE TEMPORARY TABLES',
  'LOCK TABLES',
  'EXECUTE',
  'REPLICATION SLAVE',
  'REPLICATION CLIENT',
  'CREATE VIEW',
  'SHOW VIEW',
  'CREATE ROUTINE',
  'ALTER ROUTINE',
  'CREATE USER',
  'EVENT',
  'TRIGGER',
  'CREATE TABLESPACE',
  'CREATE ROLE',
  'DROP ROLE',
] as const;

export type Privilege = (typeof ALL_PRIVILEGES)[number];

/** Kept apart from the privilege list: ALL does not include it, WITH GRANT OPTION adds it. */
export const GRANT_OPTION = 'GRANT OPTION';

const DB_PRIVILEGES: ReadonlySet<string> = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'DROP',
  'REFERENCES',
  'INDEX',
  'ALTER',
  'CREATE TEMPORARY TABLES',
  'LOCK TABLES',
  'EXECUTE',
  'CREATE VIEW',
  'SHOW VIEW',
  'CREATE ROUTINE',
  'ALTER ROUTINE',
  'EVENT',
  'TRIGGER',
]);

const TABLE_PRIVILEGES: ReadonlySet<string> = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'DROP',
  'REFERENCES',
  'INDEX',
  'ALTER',
  'CREATE VIEW',
  'SHOW VIEW',
  'TRIGGER',
]);

export type Level = 'global' | 'db' | 'table';

/** The privileges grantable at a level (ALL expands to these). */
export function privilegesAt(level: Level): readonly Privilege[] {
  if (level === 'global') return ALL_PRIVILEGES;
  const set = level === 'db' ? DB_PRIVILEGES : TABLE_PRIVILEGES;
  return ALL_PRIVILEGES.filter((p) => set.has(p));
}

const SYNONYMS: Record<string, string> = {
  'ALL PRIVILEGES': 'ALL',
  'SHOW DATABASE': 'SHOW DATABASES',
  'CREATE TEMPORARY TABLE': 'CREATE TEMPORARY TABLES',
  'REPLICATION REPLICA': 'REPLICATION SLAVE',
};

/**
 * Normalises a privilege name from GRANT/REVOKE: 'ALL', 'USAGE', 'GRANT OPTION' or a static privilege.
 * Null for a name this server does not know.
 */
export function normalizePrivilege(name: string): string | null {
  const up = name.toUpperCase().replace(/\s+/g, ' ').trim();
  const n = SYNONYMS[up] ?? up;
  if (n === 'ALL' || n === 'USAGE' || n === GRANT_OPTION) return n;
  return (ALL_PRIVILEGES as readonly string[]).includes(n) ? n : null;
}
