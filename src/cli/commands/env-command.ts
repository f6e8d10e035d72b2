import { createEnvironment } from '../../operations/create-environment';
import { destroyEnvironment } from '../../operations/destroy-environment';
import { Command } from '../command';
import { OPERATION_HELP, OPERATION_OPTIONS, pickSubcommand, runOperationCommand } from '../run-operation-command';

/** `paved env create|destroy`: ephemeral environments as code changes. */
export const envCommand: Command = {
  name: 'env',
  summary: 'Create or destroy an ephemeral environment (a change to the self-service state)',
  help: `Usage: paved env create NAME [--from ENV] [--ttl 72h] [options]
       paved env destroy NAME [options]

create: an ephemeral environment NAME in the cluster of ENV (namespaces <team>-NAME, its own
Argo CD apps, a stack per service), gone from every synth after it expires. Running it again
changes nothing.
destroy: removes it, and the access grants to it, from the next synth; the state records the
moment it ran (destroyed), and the environment is absent from every synth judged from that day.

Options:
  --from ENV        the permanent development environment whose cluster it shares (default:
                    the first one)
  --ttl DURATION    how long it lives, hours or days: 72h, 3d (default: 72h; at most 30d unless
                    the platform sets another limit, selfServiceLimits.maxEnvironmentTtlHours)
${OPERATION_HELP}
`,
  options: {
    ...OPERATION_OPTIONS,
    from: { type: 'string' },
    ttl: { type: 'string', default: '72h' },
  },
  maxPositionals: 2,
  run(args, io) {
    const operation = pickSubcommand('env', args.positionals, {
      create: { arguments: ['NAME'], create: ([name]) => createEnvironment({ name, from: args.values.from as string | undefined, ttl: args.values.ttl as string }) },
      destroy: { arguments: ['NAME'], create: ([name]) => destroyEnvironment(name) },
    });
    return runOperationCommand(operation, args, io);
  },
};
