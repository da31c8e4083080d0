import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES } from './audit';

/** Every source file under the server, so the test sees a module the day it is added. */
function serverSources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return serverSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the names of audit events', () => {
  it('names every event the server writes, so Loggkontroll never shows a raw event id', () => {
    const written = new Set<string>();
    for (const file of serverSources(join(__dirname, '..', 'server'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\baction(?:Name)?: '([a-z_]+\.[a-z_.]+)'/g)) written.add(match[1]!);
    }
    expect(written.size).toBeGreaterThan(50);
    expect([...written].filter((action) => !(action in AUDIT_ACTION_NAMES)).sort()).toEqual([]);
  });
});
