import { benchPlatform } from './bench-platform';

/** The benchmark's app for `paved synth`: `$PAVED_BENCH_SERVICES` services (default 100). */
export default () => benchPlatform(Number(process.env.PAVED_BENCH_SERVICES ?? '100'));
