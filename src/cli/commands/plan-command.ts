import { Command } from '../command';
import { STACK_COMMAND_HELP, STACK_COMMAND_OPTIONS, runStackCommand } from '../run-stack-command';

/** `paved plan`: plans every stack of the synth output in dependency order. */
export const planCommand: Command = {
  name: 'plan',
  summary: 'Plan every Terraform stack of the synth output, in dependency order, with one summary',
  help: `Usage: paved plan [--env ENV] [--stack ID] [--offline] [options]

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
${STACK_COMMAND_HELP}
  --verbose               show stack traces of errors
  -h, --help              show this help
`,
  options: {
    ...STACK_COMMAND_OPTIONS,
    offline: { type: 'boolean', default: false },
  },
  maxPositionals: 0,
  run(args, io) {
    return runStackCommand('plan', args, io, { offline: args.values.offline as boolean });
  },
};
