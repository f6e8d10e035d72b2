import { resolve } from 'path';
import { appendOperation } from '../../platform/operations-log';
import { Command } from '../command';
import { defaultActor } from '../default-actor';
import { STACK_COMMAND_HELP, STACK_COMMAND_OPTIONS, runStackCommand } from '../run-stack-command';

/** `paved apply`: applies every stack of the synth output in dependency order. */
export const applyCommand: Command = {
  name: 'apply',
  summary: 'Apply every Terraform stack of the synth output, in dependency order, with one summary',
  help: `Usage: paved apply [--env ENV] [--stack ID] [--saved-plan | --approve-production] [options]

Plans and applies each stack of the synth output (platform stacks before the service stacks of
their environment, independent stacks in parallel) and prints adds, changes and destroys per
stack. A stack whose dependency failed is not attempted. Production environments are applied
only with --saved-plan or --approve-production.

After applying a stack with fact outputs (a platform stack's network and cluster), it reads them
with '<engine> output -json' and records them in the platform's facts file (RecordedFacts.fromFile,
e.g. paved-facts.json; --facts), rewriting it only when a value changed: commit it and synth again. A stack
synthesized before the facts it reads were recorded (day 0) is never applied: it shows 'waiting'
with what it waits for.

Exits 0 when every stack was applied, 1 when any stack failed or was not attempted, and 3 when
none failed but some wait for facts (record them, commit the facts file, synth, apply again).

Options:
  --saved-plan            apply the plans 'paved plan' saved instead of planning anew
  --approve-production    allow applying production environments without saved plans
  --facts FILE            the platform's facts file to record in; it must have the name the platform
                          declares (default: that name in the current directory)
  --log FILE              append a 'deployed' record per applied stack to the operations log FILE
  --by WHO                who applies, for --log (default: git config user.email, else $USER)
${STACK_COMMAND_HELP}
  --verbose               show stack traces of errors
  -h, --help              show this help
`,
  options: {
    ...STACK_COMMAND_OPTIONS,
    'saved-plan': { type: 'boolean', default: false },
    'approve-production': { type: 'boolean', default: false },
    'facts': { type: 'string' },
    'log': { type: 'string' },
    'by': { type: 'string' },
  },
  maxPositionals: 0,
  run(args, io) {
    const log = args.values.log as string | undefined;
    const by = (args.values.by as string | undefined) ?? (log ? defaultActor() : '');
    return runStackCommand('apply', args, io, {
      savedPlan: args.values['saved-plan'] as boolean,
      approveProduction: args.values['approve-production'] as boolean,
      factsFile: args.values.facts as string | undefined,
      onStackSettled: log ? (run) => {
        if (run.result === 'ok') {
          appendOperation(resolve(log), {
            at: new Date().toISOString(),
            by,
            operation: 'deployed',
            args: { environment: run.environment, stack: run.id, service: run.service },
          });
        }
      } : undefined,
    });
  },
};
