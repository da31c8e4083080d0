import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../../src/server/db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated PGlite data-directory tarball for this run; absent on PostgreSQL runs. */
    pgliteTemplate?: string;
  }
}

/**
 * The template database of an embedded test run. Creating a PGlite cluster (initdb) and running the
 * migrations takes seconds per database; loading a saved data directory takes about one. So the
 * global set-up migrates one in-memory PGlite with the committed migrations, saves its data
 * directory as a tarball in a temporary folder, and every test database starts from that copy
 * (`openDatabase(..., { loadFrom })`). It is made anew at the start of every run and removed at the
 * end: never committed, never stale.
 */
export async function writePgliteTemplate(): Promise<{ path: string; remove(): void }> {
  const client = new PGlite();
  let tarball: Blob;
  try {
    await migrate(drizzle(client) as never, { migrationsFolder });
    tarball = await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
  const folder = mkdtempSync(join(tmpdir(), 'samverka-pglite-template-'));
  const path = join(folder, 'pgdata.tar');
  writeFileSync(path, new Uint8Array(await tarball.arrayBuffer()));
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

const loaded = new Map<string, Blob>();

/** The template tarball, read once per test file (worker module scope). */
export function readPgliteTemplate(path: string): Blob {
  let tarball = loaded.get(path);
  if (!tarball) {
    tarball = new Blob([readFileSync(path)]);
    loaded.set(path, tarball);
  }
  return tarball;
}
