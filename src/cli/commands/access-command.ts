import { grantAccess } from '../../operations/grant-access';
import { revokeAccess } from '../../operations/revoke-access';
import { CliError } from '../../platform/cli-error';
import { Command } from '../command';
import { OPERATION_HELP, OPERATION_OPTIONS, pickSubcommand, runOperationCommand } from '../run-operation-command';

/** `paved access grant|revoke`: time-boxed access as code changes. */
export const accessCommand: Command = {
  name: 'access',
  summary: "Grant or revoke a group's time-boxed access to a team's namespace (a change to the self-service state)",
  help: `Usage: paved access grant GROUP --team TEAM --env ENV --role view|edit --until YYYY-MM-DD [options]
       paved access revoke GROUP --team TEAM --env ENV [--role view|edit] [options]

grant: identity-provider group GROUP gets the Kubernetes 'view' or 'edit' role in TEAM's
namespace in ENV through the last day UNTIL; the first synth after it drops the grant and lists
it in the report. Running it again changes nothing.
revoke: ends the grant now (every role, unless --role).

Options:
  --team TEAM       the team whose namespace it is
  --env ENV         the environment
  --role ROLE       view or edit
  --until DATE      the last day of access (grant only), at most 30 days from today unless the
                    platform sets another limit (selfServiceLimits.maxAccessGrantDays)
${OPERATION_HELP}
`,
  options: {
    ...OPERATION_OPTIONS,
    team: { type: 'string' },
    env: { type: 'string' },
    role: { type: 'string' },
    until: { type: 'string' },
  },
  maxPositionals: 2,
  run(args, io) {
    const required = (...names: string[]) => {
      const missing = names.filter((n) => args.values[n] === undefined);
      if (missing.length > 0) {
        throw new CliError(`'paved access ${args.positionals[0]}' needs ${missing.map((n) => `--${n}`).join(', ')}. See 'paved access --help'.`);
      }
      return names.map((n) => args.values[n] as string);
    };
    const operation = pickSubcommand('access', args.positionals, {
      grant: {
        arguments: ['GROUP'],
        create: ([group]) => {
          const [team, environment, role, until] = required('team', 'env', 'role', 'until');
          return grantAccess({ group, team, environment, role, until });
        },
      },
      revoke: {
        arguments: ['GROUP'],
        create: ([group]) => {
          const [team, environment] = required('team', 'env');
          return revokeAccess({ group, team, environment, role: args.values.role as string | undefined });
        },
      },
    });
    return runOperationCommand(operation, args, io);
  },
};
