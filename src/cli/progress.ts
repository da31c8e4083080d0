import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr (stdout stays clean for scripts). cli-progress draws nothing when
 * stderr is not a terminal, so logs and CI output are not filled with bar frames.
 */
export function progressBar(label: string): Progress {
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(18)} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr, hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
