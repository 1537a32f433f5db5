import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { createDataSource, type DatabaseSchema } from '../data-source/create-data-source';
import { parseDatabaseUrl } from '../data-source/database-url';

export interface MigrationGeneration {
  /** PascalCase, e.g. AddFoo; the class is `${name}${timestamp}`. */
  name: string;
  /** Holds `mysql/` and `sqlite/`, each with an `index.ts` listing its migrations. */
  sourceRoot: string;
  /** The entities and migrations to compare; Houston's own when absent. */
  schema?: DatabaseSchema;
  /** A scratch MySQL database, created and dropped here. */
  mysqlUrl: string;
  /** The collation new MySQL tables state, so the schema does not depend on the server's default. */
  tableCollation: string;
  /** Where to say what was written (the CLI's standard output). */
  report: (line: string) => void;
}

/**
 * Writes a migration for each dialect that brings a database migrated to the current head up to
 * the entities: SQLite on a scratch file, MySQL on a scratch database. A generated migration is a
 * draft: review it before committing it.
 */
export async function generateMigrations(generation: MigrationGeneration): Promise<void> {
  const timestamp = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'houston-migration-'));
  try {
    const sqlite = await createDataSource({
      url: `sqlite:${join(scratch, 'gen.sqlite')}`,
      schema: generation.schema,
    });
    write(generation, timestamp, 'sqlite', await pendingQueries(sqlite, generation.tableCollation));
    await sqlite.destroy();

    const location = parseDatabaseUrl(generation.mysqlUrl);
    if (location.dialect !== 'mysql') throw new Error('the scratch MySQL URL must be a mysql:// URL');
    const admin = await createConnection({
      host: location.host,
      port: location.port,
      user: location.username,
      password: location.password,
    });
    await admin.query(`DROP DATABASE IF EXISTS \`${location.database}\``);
    await admin.query(
      `CREATE DATABASE \`${location.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    try {
      const mysql = await createDataSource({ url: generation.mysqlUrl, schema: generation.schema });
      write(generation, timestamp, 'mysql', await pendingQueries(mysql, generation.tableCollation));
      await mysql.destroy();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS \`${location.database}\``);
      await admin.end();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function render(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function pendingQueries(
  dataSource: DataSource,
  tableCollation: string,
): Promise<{ up: string[]; down: string[] }> {
  await dataSource.runMigrations({ transaction: 'all' });
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: sql.upQueries.map((q) =>
      q.query.replace(/ENGINE=InnoDB$/, `ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${tableCollation}`),
    ),
    down: sql.downQueries.map((q) => q.query).reverse(),
  };
}

function write(
  generation: MigrationGeneration,
  timestamp: number,
  dialect: 'mysql' | 'sqlite',
  queries: { up: string[]; down: string[] },
): void {
  if (queries.up.length === 0) {
    generation.report(`${dialect}: schema already matches the entities, nothing written`);
    return;
  }
  const { name, sourceRoot } = generation;
  const className = `${name}${timestamp}`;
  const file = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
  writeFileSync(join(sourceRoot, dialect, `${file}.ts`), render(className, queries.up, queries.down));
  const indexPath = join(sourceRoot, dialect, 'index.ts');
  const index = readFileSync(indexPath, 'utf8')
    .replace(/^(import type .*\n)/m, `$1import { ${className} } from './${file}';\n`)
    .replace(/= \[([^\]]*)\];/s, (_m, list: string) => {
      const items = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return `= [${[...items, className].join(', ')}];`;
    });
  writeFileSync(indexPath, index);
  generation.report(`${dialect}: wrote ${file}.ts (${queries.up.length} statements)`);
}
