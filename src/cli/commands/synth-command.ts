import { performance } from 'perf_hooks';
import { WaitingStack } from '../../policy/platform-report';
import { OutputDirectory } from '../../synth/output-directory';
import { synth } from '../../synth/synthesize';
import { withAppErrors } from '../app-error';
import { Command } from '../command';
import { describePolicy } from '../describe-policy';
import { appFile, displayPath, loadApp } from '../load-platform';
import { reportTypecheck } from '../typecheck-app';

/** `paved synth`: writes Terraform stacks, GitOps manifests, catalog entities and the report. */
export const synthCommand: Command = {
  name: 'synth',
  summary: 'Check and synthesize a platform app into Terraform, GitOps manifests, catalog and report',
  help: `Usage: paved synth [APP] [--out DIR] [--no-check] [--as-of YYYY-MM-DD] [--typecheck]

Loads APP, runs the guardrails, and writes, replacing DIR as a whole (the previous output stays
if anything fails, including a guardrail error without a deviation). DIR must be missing, empty
or a previous output of paved (its manifest.json has "format": "paved-output/1"); anything else
(the current directory or a parent of it, home, a git repository, someone's files) is refused
and left untouched. The old output is deleted in the background after the new one is in place;
when no file differs from it, the summary says 'output unchanged':
  DIR/terraform/<env>/<stack>/cdk.tf.json   one Terraform stack per component and environment
  DIR/gitops/<env>/...                      Kubernetes manifests for Argo CD
  DIR/catalog/                              Backstage entities
  DIR/report/                               report.json and index.html
  DIR/manifest.json                         paved's marker and every file with its SHA-256

Arguments:
  APP               a .ts or .js file that default-exports a Platform (default: platform.ts)
                    and may export 'packs', the rule packs to run (default: DEFAULT_PACKS)

Options:
  -o, --out DIR     output directory (default: dist)
  --no-check        skip the guardrails (the report records that they did not run)
  --as-of DATE      judge deviation expiry as of DATE (default: today)
  --typecheck       first type-check APP as 'paved check --typecheck' does; writes nothing and
                    exits 1 on a type error, or when TypeScript is not installed for APP
  --verbose         show stack traces of errors
  -h, --help        show this help
`,
  options: {
    'out': { type: 'string', short: 'o', default: 'dist' },
    'no-check': { type: 'boolean', default: false },
    'as-of': { type: 'string' },
    'typecheck': { type: 'boolean', default: false },
  },
  maxPositionals: 1,
  async run({ values, positionals }, io) {
    // Refused before the app loads (synth checks again, as for any caller of synth).
    OutputDirectory.replaceable(values.out as string);
    if (values.typecheck && !reportTypecheck(appFile(positionals[0]), io)) {
      return 1;
    }
    const { platform, packs } = await loadApp(positionals[0], values['as-of'] as string | undefined);
    // performance.now() counts from process start: loading includes Node and module start-up.
    const constructedAt = performance.now();
    const summary = withAppErrors(appFile(positionals[0]), () => synth(platform, {
      outdir: values.out as string,
      packs,
      check: !values['no-check'],
      asOf: values['as-of'] as string | undefined,
    }));
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const phases = summary.phases;
    io.stdout(
      `Synthesized platform '${platform.name}' into ${displayPath(summary.outdir)}/ in ${seconds(constructedAt + summary.durationMs)} `
      + `(load ${seconds(platform.createdAtMs)}, construct ${seconds(constructedAt - platform.createdAtMs)}, `
      + `synth ${seconds(phases.synth)}, check ${seconds(phases.check)}, write ${seconds(phases.write)})\n`
      + `  ${summary.stacks} stacks, ${summary.manifests} manifests, ${summary.catalogEntities} catalog entities, ${summary.files} files\n`
      + (summary.unchanged ? `  output unchanged (${summary.files} files identical to the previous synth)\n` : '')
      + `  ${summary.policy ? describePolicy(summary.policy) : 'guardrails: not run (--no-check)'}\n`
      + describeWaiting(summary.waiting),
    );
    return 0;
  },
};

/** The stacks that wait for facts, each with how to unblock it; nothing when none waits. */
function describeWaiting(waiting: readonly WaitingStack[]): string {
  if (waiting.length === 0) {
    return '';
  }
  return `  ${waiting.length} ${waiting.length === 1 ? 'stack waits' : 'stacks wait'} for facts not recorded yet (synthesized with placeholders: 'paved plan' plans them, 'paved apply' leaves them out):\n`
    + waiting.map((w) => `    ${w.stack} waits for ${w.unblock}\n`).join('');
}
