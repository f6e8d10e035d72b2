/**
 * `npm run bench [-- --sizes 10,100 --cdktf-sizes 10,100 --runs 3 --workdir DIR]`: synthesizes platforms of N
 * golden-path services in three environments with `paved synth` (end to end, in a child process
 * as CI runs it), then the same resources with the official `cdktf synth` (`--cdktf-sizes=`
 * skips it), and prints one table (`--sizes=` skips it).
 * `--ci [--ci-services 100 --ci-change database-size --plan-all-sample K]` adds the change-aware CI
 * section after it (`bench/change-aware-ci.ts`).
 * It prints figures and asserts none: targets are in BENCHMARKS.md.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join, relative } from 'path';
import { parseArgs } from 'util';
import { parse } from 'yaml';
import { BENCH_CHANGES, BenchChange } from './bench-platform';
import { changeAwareCi, formatChangeAwareCi } from './change-aware-ci';
import { GNU_TIME, ROOT, Run, measure } from './measure';

/** A `paved synth` run with what it reported. */
interface PavedRun extends Run {
  /** Seconds per phase, as `paved synth` prints them: load, construct, synth, check, write. */
  readonly phases: Record<string, number>;
  readonly stacks: number;
  readonly files: number;
  readonly bytes: number;
  /** Where it wrote. */
  readonly outdir: string;
}

/**
 * `paved synth` of the benchmark platform with `services` services into `outdir`, which it
 * creates (as in CI). Outputs are only deleted once the benchmark is over: on this disk a large
 * deletion slows the writes that follow it for seconds.
 * @param cacheDir the TypeScript cache directory of bin/paved to use (default: the clone's, warm after the first run)
 */
export function pavedSynth(services: number, outdir: string, cacheDir?: string): PavedRun {
  const run = measure([process.execPath, join(ROOT, 'bin', 'paved'), 'synth', join(ROOT, 'bench', 'platform.ts'), '--out', outdir], ROOT, {
    PAVED_BENCH_SERVICES: String(services),
    ...cacheDir ? { PAVED_CACHE_DIR: cacheDir } : {},
  });
  const phases = Object.fromEntries([...run.stdout.matchAll(/(load|construct|synth|check|write) (\d+\.\d+) s/g)].map((m) => [m[1], Number(m[2])]));
  const manifest: { files: { bytes: number }[] } = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, statSync(join(outdir, 'manifest.json')).size);
  const stacks = Number(/(\d+) stacks/.exec(run.stdout)![1]);
  return { ...run, phases, stacks, files: manifest.files.length + 1, bytes, outdir };
}

/**
 * A cdktf project (as `cdktf init --template typescript` lays it out) that builds the resources
 * of the paved output in `pavedOut` directly with cdktf and cdk8s: see `bench/cdktf-app/main.ts`.
 */
function cdktfProject(pavedOut: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const template = join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'templates', 'typescript');
  copyFileSync(join(template, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  writeCdktfJson(dir, 'npx ts-node main.ts', 'paved-bench');
  copyFileSync(join(ROOT, 'bench', 'cdktf-app', 'main.ts'), join(dir, 'main.ts'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));

  const stacks = filesUnder(join(pavedOut, 'terraform')).filter((f) => f.endsWith('cdk.tf.json')).map((file) => ({
    name: file.split('/').slice(-2)[0],
    json: JSON.parse(readFileSync(file, 'utf8')),
  }));
  const byDirectory = new Map<string, unknown[]>();
  for (const file of [...filesUnder(join(pavedOut, 'gitops')), ...filesUnder(join(pavedOut, 'catalog'))]) {
    const directory = relative(pavedOut, join(file, '..'));
    if (file.endsWith('.yaml') && !file.endsWith('kustomization.yaml') && !directory.includes('/releases/')) {
      byDirectory.set(directory, [...byDirectory.get(directory) ?? [], parse(readFileSync(file, 'utf8'))]);
    }
  }
  const charts = [...byDirectory].map(([name, objects]) => ({ name, objects }));
  writeFileSync(join(dir, 'input.json'), JSON.stringify({ stacks, charts }));
}

/** `cdktf.json` in `dir` as `cdktf init` writes it, running `app`. */
export function writeCdktfJson(dir: string, app: string, projectId: string): void {
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({
    language: 'typescript',
    app,
    projectId,
    sendCrashReports: 'false',
    terraformProviders: [],
    terraformModules: [],
    context: {},
  }, undefined, 2));
}

/** `cdktf synth` in `dir`, offline, as a developer runs it. */
export function cdktfSynth(dir: string): Run {
  return measure([join(ROOT, 'node_modules', '.bin', 'cdktf'), 'synth'], dir, {
    CHECKPOINT_DISABLE: '1',
    CI: '1',
    FORCE_COLOR: '0',
  });
}

/** How many of paved's stacks cdktf wrote identically (ignoring cdktf's `//` metadata). */
function identicalStacks(pavedOut: string, cdktfDir: string): { identical: number; stacks: number } {
  const stripMetadata = (json: any): any => JSON.parse(JSON.stringify(json, (key, value) => key === '//' ? undefined : value));
  const canonical = (json: any) => JSON.stringify(sortKeys(stripMetadata(json)));
  const paved = filesUnder(join(pavedOut, 'terraform')).filter((f) => f.endsWith('cdk.tf.json'));
  const identical = paved.filter((file) => {
    const written = join(cdktfDir, 'cdktf.out', 'stacks', file.split('/').slice(-2)[0], 'cdk.tf.json');
    return existsSync(written) && canonical(JSON.parse(readFileSync(file, 'utf8'))) === canonical(JSON.parse(readFileSync(written, 'utf8')));
  }).length;
  return { identical, stacks: paved.length };
}

function sortKeys(value: any): any {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
  }
  return value;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => entry.isDirectory()
    ? filesUnder(join(dir, entry.name))
    : [join(dir, entry.name)]);
}

function median<T>(runs: readonly T[], by: (run: T) => number): T {
  return [...runs].sort((a, b) => by(a) - by(b))[Math.floor(runs.length / 2)];
}

function sizes(list: string): number[] {
  return list.split(',').filter((s) => s !== '').map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`sizes must be positive integers separated by commas (got '${s}')`);
    }
    return n;
  });
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'sizes': { type: 'string', default: '10,100,300,1000' },
      'cdktf-sizes': { type: 'string', default: '10,100' },
      'runs': { type: 'string', default: '3' },
      // Where outputs are written: the OS temp dir, or a tmpfs such as /dev/shm to leave the disk out.
      'workdir': { type: 'string', default: tmpdir() },
      // The change-aware CI section after the table (bench/change-aware-ci.ts).
      'ci': { type: 'boolean', default: false },
      'ci-services': { type: 'string', default: '100' },
      'ci-change': { type: 'string', default: 'database-size' },
      // Plan only K stacks on the plan-everything path and extrapolate (default: every stack).
      'plan-all-sample': { type: 'string' },
    },
  });
  const ciChange = values['ci-change'] as BenchChange;
  if (!BENCH_CHANGES.includes(ciChange) || ciChange === 'none') {
    throw new Error(`--ci-change must be one of ${BENCH_CHANGES.filter((c) => c !== 'none').join(', ')} (got '${ciChange}')`);
  }
  const [ciServices] = sizes(values['ci-services']!);
  if (!existsSync(GNU_TIME)) {
    throw new Error('the benchmark measures peak memory with GNU time: install it (apt-get install time).');
  }
  const runs = Number(values.runs);
  const work = mkdtempSync(join(values.workdir!, 'paved-bench-'));
  const cpu = cpus();
  console.log(`machine: ${cpu.length} x ${cpu[0].model}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`);
  console.log(`paved synth: end to end in a child process, median of ${runs} runs; cdktf synth: one run; outputs in ${work}\n`);
  const cdktfSizes = sizes(values['cdktf-sizes']!);
  const tableSizes = sizes(values.sizes!);
  try {
    if (tableSizes.length > 0) {
      synthTable(work, runs, tableSizes, cdktfSizes);
    }
    if (values.ci) {
      const planAllSample = values['plan-all-sample'] === undefined ? undefined : Number(values['plan-all-sample']);
      console.log('');
      console.log(formatChangeAwareCi(changeAwareCi({ workdir: mkdtempSync(join(work, 'ci-')), services: ciServices, change: ciChange, planAllSample }), ciServices, ciChange));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The one-service figures and the table: `paved synth` of each size, and `cdktf synth` of `cdktfSizes`. */
function synthTable(work: string, runs: number, tableSizes: readonly number[], cdktfSizes: readonly number[]): void {
  const warm = median(Array.from({ length: runs }, (_, i) => pavedSynth(1, join(work, `one-${i}`))), (r) => r.wallMs);
  const cold = median(Array.from({ length: runs }, (_, i) => pavedSynth(1, join(work, `one-cold-${i}`), join(work, `empty-cache-${i}`))), (r) => r.wallMs);
  console.log(`one service (a NodeApi with a database and a queue, 3 environments), end to end: ${(warm.wallMs / 1000).toFixed(2)} s `
    + `with the cache warm, ${(cold.wallMs / 1000).toFixed(2)} s with an empty cache\n`);
  console.log('| services | stacks | paved wall | paved peak RSS | files | MB | load | construct | synth | check | write | cdktf synth wall | cdktf peak RSS | cdktf / paved | stacks identical |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of tableSizes) {
    const paved = median(Array.from({ length: runs }, (_, i) => pavedSynth(n, join(work, `paved-${n}-${i}`))), (r) => r.wallMs);
    const pavedOut = paved.outdir;
    const phase = (name: string) => (name in paved.phases ? `${paved.phases[name].toFixed(2)} s` : 'n/a');
    const cells = [
      n, paved.stacks,
      `${(paved.wallMs / 1000).toFixed(2)} s`, `${paved.peakRssMiB.toFixed(0)} MiB`, paved.files, (paved.bytes / 1e6).toFixed(1),
      phase('load'), phase('construct'), phase('synth'), phase('check'), phase('write'),
    ];
    if (cdktfSizes.includes(n)) {
      const dir = join(work, `cdktf-${n}`);
      cdktfProject(pavedOut, dir);
      const cdktf = cdktfSynth(dir);
      const { identical, stacks } = identicalStacks(pavedOut, dir);
      cells.push(`${(cdktf.wallMs / 1000).toFixed(2)} s`, `${cdktf.peakRssMiB.toFixed(0)} MiB`, `${(cdktf.wallMs / paved.wallMs).toFixed(1)}x`, `${identical} of ${stacks}`);
    } else {
      cells.push('not run', '', '', '');
    }
    console.log(`| ${cells.join(' | ')} |`);
  }
}

if (require.main === module) {
  main();
}
