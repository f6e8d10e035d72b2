/**
 * `npm run bench:yardstick [-- --minutes 15 --workdir DIR]`: times paved against the yardstick the
 * issue sets its targets by, "`cdktf synth` of one stack takes about 3.3 s here", in the same
 * minutes, since this VM's speed drifts by a third. Each round runs `cdktf synth` of one stack (an
 * AWS provider and an S3 bucket, the app in JavaScript), `paved synth` of the 100-service
 * benchmark platform with the cache warm, and of one service with an empty cache directory (a
 * first run ever: paved's TypeScript and the app's compiled, the cache written as it goes). It
 * prints the rounds grouped by the yardstick's time. Figures only, as `npm run bench`.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseArgs } from 'util';
import { ROOT } from './measure';
import { cdktfSynth, pavedSynth, writeCdktfJson } from './run-bench';

/** The issue's `cdktf synth` of one stack here, and the limits it sets. */
const ISSUE_YARDSTICK_MS = 3300;
/** A yardstick past this (12 % over the issue's) marks the VM's slow minutes. */
const SLOW_YARDSTICK_MS = 3700;
const HUNDRED_SERVICES_LIMIT_MS = 3000;
const ONE_SERVICE_LIMIT_MS = 1000;

/** One round: wall times in milliseconds. */
interface Round {
  readonly yardstick: number;
  readonly hundredServices: number;
  readonly oneServiceEmptyCache: number;
}

/** A cdktf project of one stack, its app in JavaScript (no ts-node), in `dir`. */
function oneStackProject(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeCdktfJson(dir, 'node main.js', 'paved-yardstick');
  writeFileSync(join(dir, 'main.js'), `const { App, TerraformStack } = require('cdktf');
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
const app = new App();
const stack = new TerraformStack(app, 'one');
new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
new S3Bucket(stack, 'bucket', { bucketPrefix: 'one' });
app.synth();
`);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** `ms` as seconds, two decimals. */
function s(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** One table row for `rounds`: medians, quartiles and how many are within each limit. */
function row(label: string, rounds: readonly Round[]): string {
  if (rounds.length === 0) {
    return `| ${label} | 0 | | | | | |`;
  }
  const summary = (values: number[], limit: number) => `${s(quantile(values, 0.5))} (${s(quantile(values, 0.25))} / ${s(quantile(values, 0.75))}, max ${s(Math.max(...values))})`
    + ` | ${values.filter((v) => v <= limit).length}`;
  return `| ${label} | ${rounds.length} | ${s(quantile(rounds.map((r) => r.yardstick), 0.5))} `
    + `| ${summary(rounds.map((r) => r.hundredServices), HUNDRED_SERVICES_LIMIT_MS)} `
    + `| ${summary(rounds.map((r) => r.oneServiceEmptyCache), ONE_SERVICE_LIMIT_MS)} |`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '15' },
      workdir: { type: 'string', default: tmpdir() },
    },
  });
  const minutes = Number(values.minutes);
  if (!(minutes > 0)) {
    throw new Error(`--minutes must be a positive number (got '${values.minutes}')`);
  }
  const work = mkdtempSync(join(values.workdir!, 'paved-yardstick-'));
  const rounds: Round[] = [];
  try {
    const project = join(work, 'one-stack');
    oneStackProject(project);
    pavedSynth(100, join(work, 'warm-up'));
    const end = Date.now() + minutes * 60_000;
    for (let i = 0; Date.now() < end; i++) {
      const yardstick = cdktfSynth(project).wallMs;
      const hundred = pavedSynth(100, join(work, `hundred-${i}`));
      const one = pavedSynth(1, join(work, `one-${i}`), join(work, `empty-cache-${i}`));
      for (const done of [hundred.outdir, one.outdir, join(work, `empty-cache-${i}`)]) {
        rmSync(done, { recursive: true, force: true });
      }
      rounds.push({ yardstick, hundredServices: hundred.wallMs, oneServiceEmptyCache: one.wallMs });
      console.log(`round ${i + 1}: cdktf synth of one stack ${s(yardstick)}, 100 services ${s(hundred.wallMs)}, one service with an empty cache ${s(one.wallMs)}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log('\n| rounds where cdktf synth of one stack took | rounds | its median | 100 services: median (quartiles, max) | at most 3 s | one service, empty cache: median (quartiles, max) | at most 1 s |');
  console.log('|---|---:|---|---|---:|---|---:|');
  console.log(row('any time', rounds));
  console.log(row(`less than ${s(ISSUE_YARDSTICK_MS)}`, rounds.filter((r) => r.yardstick < ISSUE_YARDSTICK_MS)));
  console.log(row(`${s(ISSUE_YARDSTICK_MS)} to ${s(SLOW_YARDSTICK_MS)}`, rounds.filter((r) => r.yardstick >= ISSUE_YARDSTICK_MS && r.yardstick <= SLOW_YARDSTICK_MS)));
  console.log(row(`more than ${s(SLOW_YARDSTICK_MS)}`, rounds.filter((r) => r.yardstick > SLOW_YARDSTICK_MS)));
}

if (require.main === module) {
  main();
}
