// npm run bench's lägesbild section: test/bench/lagesbild.ts in a process of its own (it runs the test
// application in-process with NODE_ENV=test, and seeds millions of rows). Its progress goes to stderr as
// it comes; it writes its sections of docs/BENCHMARKS.md itself and prints one JSON line per database.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function runLagesbildSection(url: string): Promise<{ lines: string[]; figures: unknown[] }> {
  const script = fileURLToPath(new URL('./lagesbild.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, NODE_ENV: 'test', BENCH_DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`test/bench/lagesbild.ts exited with ${code}`);
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const figures = lines.filter((line) => line.startsWith('{"lagesbild"')).map((line) => (JSON.parse(line) as { lagesbild: unknown }).lagesbild);
  return { lines: lines.filter((line) => !line.startsWith('{"lagesbild"')), figures };
}
