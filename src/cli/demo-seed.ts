import { seedDemo, type DemoSeedDeps, type DemoSeedResult } from '../server/modules/demo/seed-demo';
import { progressBar } from './progress';

/** Seeds the demo with a progress bar and one line saying what happened. */
export async function runDemoSeed(deps: Omit<DemoSeedDeps, 'onProgress'>): Promise<DemoSeedResult> {
  const bar = progressBar('Seeding demo');
  try {
    const result = await seedDemo({ ...deps, onProgress: (done, total) => bar.update(done, total) });
    bar.stop();
    const said = { created: 'Demo tenant created', refreshed: 'Demo sign-ins renewed (the auth secret changed)', unchanged: 'Demo tenant already present' };
    process.stderr.write(`${said[result.outcome]}.\n`);
    return result;
  } finally {
    bar.stop();
  }
}
