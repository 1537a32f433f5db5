export type DatabaseDialect = 'sqlite' | 'mysql';

export interface SqliteLocation {
  dialect: 'sqlite';
  /** A file path, or `:memory:`. */
  path: string;
}

export interface MysqlLocation {
  dialect: 'mysql';
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

export type DatabaseLocation = SqliteLocation | MysqlLocation;

/**
 * Parses `HOUSTON_DB_URL`: `sqlite:<path>` (e.g. `sqlite:./data/houston.sqlite`, `sqlite::memory:`)
 * or `mysql://user:password@host:port/database`. Throws with a message that says what is accepted.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path)
      throw new Error('HOUSTON_DB_URL: sqlite URL needs a file path, e.g. sqlite:./data/houston.sqlite');
    return { dialect: 'sqlite', path };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error('HOUSTON_DB_URL: not a valid URL; expected mysql://user:password@host:3306/database');
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (!database)
      throw new Error(
        'HOUSTON_DB_URL: the MySQL URL must name a database, e.g. mysql://root@127.0.0.1:3306/houston',
      );
    return {
      dialect: 'mysql',
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : 3306,
      username: decodeURIComponent(parsed.username || 'root'),
      password: decodeURIComponent(parsed.password),
      database,
    };
  }
  throw new Error('HOUSTON_DB_URL: expected sqlite:<path> or mysql://user:password@host:port/database');
}

/** The URL with its password masked, for logs. */
export function describeDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
