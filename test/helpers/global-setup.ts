import { writeFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../db/open-pglite.js';
import { openPostgres } from '../../db/open-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    postgresTemplate: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.href;
}

/** Migrates once per run: a PGlite dump and, when asked for, a PostgreSQL template database. */
export async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'floodwatch-test-'));
  const dumpPath = join(dir, 'migrated.tar');
  if (project.name === 'pglite') {
    const pglite = await openPglite();
    const dump = await pglite.client.dumpDataDir('none');
    await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
    await pglite.close();
  }
  project.provide('pgliteDump', dumpPath);

  const url = process.env.TEST_DATABASE_URL;
  let template = '';
  if (url && project.name === 'postgres') {
    template = `fw_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    await admin.end();
    const migrated = await openPostgres(withDatabase(url, template), { max: 1 });
    await migrated.close();
  }
  project.provide('postgresTemplate', template);

  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (!template || !url) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.end();
  };
}
