import { changedStacks } from '../../operations/changed-stacks';
import { CliError } from '../../platform/cli-error';
import { Command } from '../command';
import { STACK_COMMAND_HELP, STACK_COMMAND_OPTIONS, runStackCommand } from '../run-stack-command';

/** `paved plan`: plans every stack of the synth output (or those changed since a base) in dependency order. */
export const planCommand: Command = {
  name: 'plan',
  summary: 'Plan every Terraform stack of the synth output, in dependency order, with one summary',
  help: `Usage: paved plan [--env ENV] [--stack ID] [--changed --base DIR] [--risk FILE] [--offline] [options]

Runs init and plan in each stack directory of the synth output (platform stacks before the
service stacks of their environment, independent stacks in parallel), saves each plan as
paved.tfplan for 'paved apply --saved-plan', and prints adds, changes and destroys per stack.
A stack whose dependency failed is not attempted. A stack that waits for facts not recorded yet
(day 0) is planned with placeholders and shows 'ok (waiting)'; 'paved apply' leaves it out.
Exits 1 when any stack failed.

Options:
  --offline               plan without cloud credentials or network: each stack is copied to a
                          temporary directory with dummy credentials and a local state (the synth
                          output is not touched, no plan is saved); for pull requests
  --changed               plan only the stacks whose files changed since the synth output --base
                          (new stacks included), and the stacks that depend on them; the summary
                          says why each was selected, and names the stacks the base had and the
                          output no longer has; with --offline, a stack the base has too is
                          planned against a stand-in of the base's planned state (the base's
                          stack planned offline), so that replacements and deletions show; a new
                          stack, or one whose base cannot be planned (the summary says why), is
                          planned against an empty state: every resource a create
  --base DIR              the synth output to compare with (of the base revision), for --changed
  --risk FILE             classify each planned resource action by risk (replacing or deleting a
                          database, bucket, key, queue or cluster is high) and write them to FILE
                          as JSON, for 'paved diff --risk FILE'
${STACK_COMMAND_HELP}
  --verbose               show stack traces of errors
  -h, --help              show this help
`,
  options: {
    ...STACK_COMMAND_OPTIONS,
    offline: { type: 'boolean', default: false },
    changed: { type: 'boolean', default: false },
    base: { type: 'string' },
    risk: { type: 'string' },
  },
  maxPositionals: 0,
  run(args, io) {
    const { changed, base, risk, dist } = args.values as { changed: boolean; base?: string; risk?: string; dist: string };
    if (changed && base === undefined) {
      throw new CliError("--changed needs --base DIR: the synth output of the base revision to compare with (synthesize it with 'paved synth --out DIR' at that revision).");
    }
    if (!changed && base !== undefined) {
      throw new CliError(`--base ${base} is only read with --changed; add --changed to plan only the stacks that changed since it, or leave out --base.`);
    }
    return runStackCommand('plan', args, io, {
      offline: args.values.offline as boolean,
      changes: base !== undefined ? changedStacks(base, dist) : undefined,
      riskFile: risk,
    });
  },
};
