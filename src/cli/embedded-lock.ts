import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../server/config';
import { CliError } from './warn';

/**
 * PGlite keeps the embedded database in files that one process at a time may open: a second
 * process (say `samverka backup` while `samverka serve` runs) would corrupt it. Every command that
 * opens the embedded database takes this lock first. PostgreSQL needs none.
 */
export function lockEmbeddedDatabase(config: Config): () => void {
  if (config.databaseKind !== 'embedded') return () => {};
  const dir = resolve(config.SAMVERKA_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'samverka.pid');
  if (existsSync(file)) {
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new CliError(
        `The embedded database in ${dir} is in use by process ${holder} (a running samverka serve?). Stop it first; to work beside a running server, use PostgreSQL (DATABASE_URL).`,
      );
    }
  }
  writeFileSync(file, String(process.pid));
  const release = () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
  process.once('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
