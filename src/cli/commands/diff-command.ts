import { OutputDiff, diffOutputs } from '../../operations/output-diff';
import { outputDiffMarkdown } from '../../operations/output-diff-markdown';
import { outputDiffSummary } from '../../operations/output-diff-summary';
import { readOutputSnapshot } from '../../operations/output-snapshot';
import { readPlannedChanges } from '../../operations/read-planned-changes';
import { synthAtGitRef } from '../../operations/synth-at-git-ref';
import { CliError } from '../../platform/cli-error';
import { Command } from '../command';
import { DEFAULT_APP } from '../load-platform';

/** `paved diff`: how the synth output differs from a base, per layer, service and team. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'Compare the synth output with a base (a directory or a git ref): changes per layer, service and team',
  help: `Usage: paved diff --base DIR [--dist DIR] [--risk FILE] [--json | --markdown]
       paved diff --base-ref REF [APP] [--dist DIR] [--as-of YYYY-MM-DD] [--risk FILE] [--json | --markdown]

Compares the synth output in --dist (the head) with a base output: the files that were added,
removed or modified (by manifest.json's SHA-256), grouped by layer (terraform, gitops, catalog,
ci, other), environment, service and team; for Kubernetes manifests, what changed (images,
replicas, probes, resources, network policies, RBAC, Argo CD scoping); the guardrail findings
and deviations that appeared or went away. Files paved cannot attribute to a service belong to
'platform'. Exits 0 whether or not anything changed.

Arguments:
  APP               with --base-ref: the app to synthesize at REF, by its path in the working
                    tree (default: ${DEFAULT_APP})

Options:
  --base DIR        the base: a previous output of 'paved synth'
  --base-ref REF    the base: the app as it is at git ref REF, synthesized into a temporary
                    directory (deleted afterwards) with the head's as-of day
  --dist DIR        the head: the current output of 'paved synth' (default: dist)
  --as-of DATE      with --base-ref: judge deviations as of DATE (default: the head report's day)
  --risk FILE       merge the planned resource changes 'paved plan --changed --risk FILE' wrote;
                    high-risk ones are listed first with their service and team
  --json            print the comparison as JSON (format paved-output-diff/1)
  --markdown        print a short pull-request comment, the riskiest changes first
  --verbose         show stack traces of errors
  -h, --help        show this help
`,
  options: {
    'base': { type: 'string' },
    'base-ref': { type: 'string' },
    'dist': { type: 'string', default: 'dist' },
    'as-of': { type: 'string' },
    'risk': { type: 'string' },
    'json': { type: 'boolean', default: false },
    'markdown': { type: 'boolean', default: false },
  },
  maxPositionals: 1,
  async run({ values, positionals }, io) {
    const base = values.base as string | undefined;
    const ref = values['base-ref'] as string | undefined;
    if ((base === undefined) === (ref === undefined)) {
      throw new CliError(`'paved diff' needs ${base === undefined ? 'one of' : 'only one of'} --base DIR and --base-ref REF. See 'paved diff --help'.`);
    }
    if (values.json && values.markdown) {
      throw new CliError("'paved diff' prints --json or --markdown, not both. See 'paved diff --help'.");
    }
    if (base !== undefined && positionals.length > 0) {
      throw new CliError(`'paved diff --base' compares two outputs and takes no app (got '${positionals[0]}'); the app is for --base-ref. See 'paved diff --help'.`);
    }
    const head = readOutputSnapshot(values.dist as string, '--dist');
    const planned = values.risk === undefined ? undefined : readPlannedChanges(values.risk as string);
    const diff = base !== undefined
      ? diffOutputs(readOutputSnapshot(base, '--base'), head, planned)
      : await synthAtGitRef({
        ref: ref!,
        app: positionals[0] ?? DEFAULT_APP,
        cli: process.argv[1],
        asOf: (values['as-of'] as string | undefined) ?? head.report?.asOf,
      }, (outdir) => diffOutputs(readOutputSnapshot(outdir, '--base-ref'), head, planned));
    io.stdout(render(diff, values.json ? 'json' : values.markdown ? 'markdown' : 'summary'));
    return 0;
  },
};

function render(diff: OutputDiff, as: 'json' | 'markdown' | 'summary'): string {
  switch (as) {
    case 'json': return `${JSON.stringify(diff, undefined, 2)}\n`;
    case 'markdown': return outputDiffMarkdown(diff);
    case 'summary': return outputDiffSummary(diff);
  }
}
