import { BENCH_CHANGES, BenchChange, benchPlatform } from './bench-platform';

/**
 * The benchmark's app for `paved synth`: `$PAVED_BENCH_SERVICES` services (default 100), the
 * first changed by `$PAVED_BENCH_CHANGE` (one of `BENCH_CHANGES`, default `none`).
 */
export default () => benchPlatform(Number(process.env.PAVED_BENCH_SERVICES ?? '100'), benchChange(process.env.PAVED_BENCH_CHANGE ?? 'none'));

function benchChange(name: string): BenchChange {
  if (!(BENCH_CHANGES as readonly string[]).includes(name)) {
    throw new Error(`PAVED_BENCH_CHANGE must be one of ${BENCH_CHANGES.join(', ')} (got '${name}')`);
  }
  return name as BenchChange;
}
