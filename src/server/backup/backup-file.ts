import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

/**
 * Writes lines to `<file>.partial` and renames it to `file` only when everything is written, so a
 * failed backup never leaves a file that looks complete. The file is readable by its owner only:
 * it holds personal data.
 */
export class BackupWriter {
  private readonly gzip: Gzip;
  private readonly out: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private readonly partial: string;

  constructor(private readonly file: string) {
    this.partial = `${file}.partial`;
    this.gzip = createGzip({ level: 6 });
    this.out = createWriteStream(this.partial, { mode: 0o600 });
    this.gzip.pipe(this.out);
  }

  async line(text: string): Promise<void> {
    const withNewline = `${text}\n`;
    this.hash.update(withNewline, 'utf8');
    if (!this.gzip.write(withNewline, 'utf8')) await once(this.gzip, 'drain');
  }

  /** The SHA-256 of every line written so far. */
  digest(): string {
    return this.hash.copy().digest('hex');
  }

  async commit(): Promise<void> {
    this.gzip.end();
    await finished(this.out);
    await rename(this.partial, this.file);
  }

  async abort(): Promise<void> {
    this.gzip.destroy();
    // The file is opened asynchronously: removed before its open completes, it would be created after.
    // Wait until the stream has closed (opened or not), then remove it.
    if (!this.out.closed) {
      const closed = once(this.out, 'close');
      this.out.destroy();
      await closed;
    }
    await rm(this.partial, { force: true });
  }
}

/** Reads a backup's lines, keeping the running SHA-256 of the lines read so far. */
export class BackupReader {
  private readonly hash: Hash = createHash('sha256');
  private readonly lines: AsyncIterator<string>;
  private readonly close: () => void;

  constructor(file: string) {
    const input = createReadStream(file).pipe(createGunzip());
    this.lines = splitLines(input);
    this.close = () => input.destroy();
  }

  /** The next line, or null at the end of the file. */
  async next(): Promise<string | null> {
    const { value, done } = await this.lines.next();
    return done ? null : value;
  }

  /** Adds a consumed line to the running hash (the end line itself is not hashed). */
  account(line: string): void {
    this.hash.update(`${line}\n`, 'utf8');
  }

  digest(): string {
    return this.hash.copy().digest('hex');
  }

  dispose(): void {
    this.close();
  }
}

/** Splits on "\n" only. (readline would also split on a lone "\r"; JSON lines never contain either raw.) */
async function* splitLines(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of input) {
    const parts = (pending + decoder.write(chunk as Buffer)).split('\n');
    pending = parts.pop()!;
    yield* parts;
  }
  pending += decoder.end();
  if (pending.length > 0) yield pending;
}
