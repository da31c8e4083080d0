// `npm run build`: builds the web client into dist/web with Vite, prints every asset's size and gzip size,
// and the JavaScript the first page loads (the entry chunk and everything it imports statically).
// Fails when that is over the budget: route-level code splitting keeps it small, and this keeps it so.
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { join, relative, resolve } from 'node:path';
import { build } from 'vite';

/** The first page's JavaScript, gzip-compressed, may not exceed this. */
export const FIRST_PAGE_JS_BUDGET_BYTES = 250 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  assets: AssetSize[];
  firstPage: { files: string[]; jsBytes: number; jsGzipBytes: number; cssGzipBytes: number };
  totals: { jsGzipBytes: number; cssGzipBytes: number; chunks: number };
  budgetBytes: number;
}

const root = resolve(import.meta.dirname, '..');
// A production build whatever the caller's NODE_ENV (Vitest sets `test`, which would bundle React's
// development build and break the size budget).
process.env.NODE_ENV = 'production';
const outDir = resolve(root, process.env.SAMVERKA_WEB_DIST ?? 'dist/web');

export async function buildWeb(options: { quiet?: boolean } = {}): Promise<BundleReport> {
  await build({
    configFile: resolve(root, 'vite.config.ts'),
    mode: 'production',
    logLevel: options.quiet ? 'error' : 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const manifestPath = join(outDir, '.vite', 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  // The manifest is for this script only; it is not served.
  rmSync(join(outDir, '.vite'), { recursive: true, force: true });
  const report = measure(manifest);
  writeFileSync(join(outDir, 'bundle-report.json'), `${JSON.stringify(report, null, 2)}\n`);
  precompress();
  return report;
}

/** .br and .gz next to each text file: the server sends them as they are (@fastify/static preCompressed). */
function precompress(): void {
  for (const file of listFiles(outDir).filter((name) => /\.(js|css|html|svg|json)$/.test(name))) {
    const content = readFileSync(join(outDir, file));
    if (content.length < 1024) continue;
    writeFileSync(join(outDir, `${file}.gz`), gzipSync(content, { level: 9 }));
    writeFileSync(join(outDir, `${file}.br`), brotliCompressSync(content, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}

function measure(manifest: Manifest): BundleReport {
  const assets = listFiles(outDir)
    .filter((file) => /\.(js|css|woff2?|svg|png|html)$/.test(file))
    .map((file): AssetSize => {
      const content = readFileSync(join(outDir, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const sizeOf = new Map(assets.map((asset) => [asset.file, asset]));

  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error('The Vite manifest has no entry chunk');
  const firstPageFiles = new Set<string>();
  const firstPageCss = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || firstPageFiles.has(chunk.file)) return;
    firstPageFiles.add(chunk.file);
    for (const css of chunk.css ?? []) firstPageCss.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry[0]);

  const sum = (files: Iterable<string>, pick: (asset: AssetSize) => number) => [...files].reduce((total, file) => total + (sizeOf.get(file) ? pick(sizeOf.get(file)!) : 0), 0);
  const js = assets.filter((asset) => asset.file.endsWith('.js'));
  const css = assets.filter((asset) => asset.file.endsWith('.css'));
  return {
    assets,
    firstPage: {
      files: [...firstPageFiles],
      jsBytes: sum(firstPageFiles, (asset) => asset.bytes),
      jsGzipBytes: sum(firstPageFiles, (asset) => asset.gzipBytes),
      cssGzipBytes: sum(firstPageCss, (asset) => asset.gzipBytes),
    },
    totals: {
      jsGzipBytes: js.reduce((total, asset) => total + asset.gzipBytes, 0),
      cssGzipBytes: css.reduce((total, asset) => total + asset.gzipBytes, 0),
      chunks: js.length,
    },
    budgetBytes: FIRST_PAGE_JS_BUDGET_BYTES,
  };
}

function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...listFiles(path));
    else files.push(relative(outDir, path));
  }
  return files;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function printReport(report: BundleReport): void {
  const width = Math.max(...report.assets.map((asset) => asset.file.length), 10);
  console.log(`\n${'asset'.padEnd(width)}  ${'size'.padStart(10)}  ${'gzip'.padStart(10)}`);
  for (const asset of report.assets) {
    const mark = report.firstPage.files.includes(asset.file) ? '  (first page)' : '';
    console.log(`${asset.file.padEnd(width)}  ${kb(asset.bytes).padStart(10)}  ${kb(asset.gzipBytes).padStart(10)}${mark}`);
  }
  console.log(`\nAll JavaScript: ${report.totals.chunks} chunks, ${kb(report.totals.jsGzipBytes)} gzip; all CSS ${kb(report.totals.cssGzipBytes)} gzip`);
  console.log(
    `First page: ${report.firstPage.files.length} JS files, ${kb(report.firstPage.jsBytes)} (${kb(report.firstPage.jsGzipBytes)} gzip) of a ${kb(report.budgetBytes)} gzip budget; CSS ${kb(report.firstPage.cssGzipBytes)} gzip`,
  );
}

const BENCHMARKS_DOC = resolve(root, 'docs/BENCHMARKS.md');
const SECTION_HEADING = '## Web bundle';

/** The "Web bundle" section of docs/BENCHMARKS.md, from a build report. */
export function webBundleSection(report: BundleReport, date = new Date()): string {
  const vendor = report.assets.filter((asset) => report.firstPage.files.includes(asset.file) && asset.gzipBytes >= 5 * 1024);
  const lazy = report.assets.filter((asset) => asset.file.endsWith('.js') && !report.firstPage.files.includes(asset.file)).slice(0, 5);
  const name = (file: string) => file.replace(/^assets\//, '').replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js');
  const row = (asset: AssetSize) => `| ${name(asset.file)} | ${kb(asset.bytes)} | ${kb(asset.gzipBytes)} |`;
  return [
    SECTION_HEADING,
    '',
    `Written by \`npm run build -- --record\` (scripts/build-web.ts) on ${date.toISOString().slice(0, 10)}. Sizes of the production build in`,
    'dist/web; gzip at level 9 (the server sends pre-compressed brotli, which is smaller still).',
    '',
    `- **First page JavaScript**: ${report.firstPage.files.length} files, ${kb(report.firstPage.jsBytes)}, **${kb(report.firstPage.jsGzipBytes)} gzip** (budget ${kb(report.budgetBytes)} gzip: ${report.firstPage.jsGzipBytes <= report.budgetBytes ? 'met' : '**not met**'}). The entry chunk and everything it imports statically; every page is a lazy chunk on top.`,
    `- First page CSS: ${kb(report.firstPage.cssGzipBytes)} gzip (Designsystemet, the Samverka theme, layout).`,
    `- All JavaScript: ${report.totals.chunks} chunks, ${kb(report.totals.jsGzipBytes)} gzip.`,
    '',
    '| largest first-page chunks | size | gzip |',
    '|---|---:|---:|',
    ...vendor.map(row),
    '',
    '| largest lazy chunks | size | gzip |',
    '|---|---:|---:|',
    ...lazy.map(row),
    '',
  ].join('\n');
}

/** Replaces (or adds) the Web bundle section, leaving every other section as it is. */
export function recordInBenchmarks(report: BundleReport): void {
  const current = existsSync(BENCHMARKS_DOC) ? readFileSync(BENCHMARKS_DOC, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(`\n${SECTION_HEADING}\n`);
  let before = current;
  let after = '';
  if (start >= 0) {
    before = current.slice(0, start);
    const next = current.indexOf('\n## ', start + SECTION_HEADING.length + 1);
    after = next >= 0 ? current.slice(next) : '';
  }
  writeFileSync(BENCHMARKS_DOC, `${before.trimEnd()}\n\n${webBundleSection(report)}${after ? `${after.replace(/^\n+/, '\n')}` : ''}`);
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  const report = await buildWeb();
  printReport(report);
  if (process.argv.includes('--record')) {
    recordInBenchmarks(report);
    console.log(`\nRecorded in ${relative(root, BENCHMARKS_DOC)} (${SECTION_HEADING}).`);
  }
  if (report.firstPage.jsGzipBytes > report.budgetBytes) {
    console.error(
      `\nBUILD FAILED: the first page loads ${kb(report.firstPage.jsGzipBytes)} of JavaScript (gzip), over the ${kb(report.budgetBytes)} budget. Split the new code by route (React.lazy).`,
    );
    process.exit(1);
  }
  if (!existsSync(join(outDir, 'index.html'))) {
    console.error('\nBUILD FAILED: no index.html in the output.');
    process.exit(1);
  }
  console.log(`\nBuilt into ${relative(root, outDir) || outDir}.`);
}
