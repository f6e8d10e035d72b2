import { rotateSecret } from '../../operations/rotate-secret';
import { Command } from '../command';
import { OPERATION_HELP, OPERATION_OPTIONS, pickSubcommand, runOperationCommand } from '../run-operation-command';

/** `paved secret rotate`: a secret rotation as a code change. */
export const secretCommand: Command = {
  name: 'secret',
  summary: "Rotate a service's secret through a configuration change (a change to the self-service state)",
  help: `Usage: paved secret rotate SERVICE SECRET [--force] [options]

Raises the rotation generation of SECRET of SERVICE (one of the service's declared 'secrets';
any other name is an error); its ExternalSecret and Secrets Manager
rotation carry the generation, so the next apply and sync rotate it. Running it again the same
day changes nothing.

Options:
  --force           rotate again although it was rotated today
${OPERATION_HELP}
`,
  options: {
    ...OPERATION_OPTIONS,
    force: { type: 'boolean', default: false },
  },
  maxPositionals: 3,
  run(args, io) {
    const operation = pickSubcommand('secret', args.positionals, {
      rotate: { arguments: ['SERVICE', 'SECRET'], create: ([service, secret]) => rotateSecret({ service, secret, force: args.values.force as boolean }) },
    });
    return runOperationCommand(operation, args, io);
  },
};
