import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, writeSync, fsyncSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Checkpoint } from './checkpoint';

/**
 * Checkpoints go to an append-only JSON-lines file outside the database's reach. One line per
 * checkpoint, written with one write() in append mode and flushed, so several server processes
 * sharing the file never interleave within a line and a crash loses at most the line being written.
 */
export function appendCheckpoint(file: string, checkpoint: Checkpoint): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'a', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The file's last non-empty line, read backwards from the end (the file grows for years); null for no file or no line. */
export function readLastLine(file: string): string | null {
  if (!existsSync(file)) return null;
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const chunk = 64 * 1024;
    let end = size;
    let collected = Buffer.alloc(0);
    while (end > 0) {
      const start = Math.max(0, end - chunk);
      const buffer = Buffer.alloc(end - start);
      readSync(fd, buffer, 0, buffer.length, start);
      collected = Buffer.concat([buffer, collected]);
      end = start;
      const text = collected.toString('utf8').replace(/\n+$/, '');
      const newline = text.lastIndexOf('\n');
      if (newline >= 0) return text.slice(newline + 1);
      if (end === 0) return text.length > 0 ? text : null;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}
