import { readStackGraph } from '../../operations/read-stack-graph';
import { CliError } from '../../platform/cli-error';
import { quoteList } from '../../util/quote-list';
import { Command } from '../command';
import { STACK_COMMAND_OPTIONS, runStackCommand } from '../run-stack-command';

/**
 * `paved bootstrap`: creates what the Terraform backend of an environment needs (its state
 * bucket) by applying its state bootstrap stack, with the engine and safety rules of `paved apply`.
 */
export const bootstrapCommand: Command = {
  name: 'bootstrap',
  summary: "Create an environment's Terraform state bucket (once per account, before the first plan)",
  help: `Usage: paved bootstrap --env ENV [--approve-production] [options]

Applies the state bootstrap stack of ENV (bootstrap-<environment>, written by 'paved synth' when
the state is kept in S3): the state bucket every other stack's backend names, versioned,
encrypted with a KMS key of its own, public access blocked, HTTPS only, access-logged, protected
from deletion; locking uses Terraform's native lock file (no DynamoDB table). Run it once per
account, with administrator credentials, after 'paved synth' and before 'paved plan'. The
bootstrap stack keeps its own state locally, in .paved-state/ beside the synth output: keep it
(commit it to the platform repository; it holds names and ARNs, no secrets).

It plans like 'paved apply' and applies only a plan that changes something, so running it again
does nothing. Production environments (or an account shared with one) need --approve-production.

Options:
  --env ENV               the environment whose state bucket to create (required)
  --approve-production    allow creating the state bucket of a production environment
  --dist DIR              the synth output to work on (default: dist)
  --engine NAME|PATH      the engine binary (default: tofu when on PATH, else terraform)
  --provider-mirror DIR   install providers from DIR only, with no downloads
  --logs DIR              where the engine output goes (default: a new temporary directory)
  --json                  print the summary as JSON instead of a table
  --verbose               show stack traces of errors
  -h, --help              show this help
`,
  options: {
    'dist': STACK_COMMAND_OPTIONS.dist,
    'env': { type: 'string' },
    'engine': STACK_COMMAND_OPTIONS.engine,
    'provider-mirror': STACK_COMMAND_OPTIONS['provider-mirror'],
    'logs': STACK_COMMAND_OPTIONS.logs,
    'json': STACK_COMMAND_OPTIONS.json,
    'approve-production': { type: 'boolean', default: false },
  },
  maxPositionals: 0,
  run(args, io) {
    const environment = args.values.env as string | undefined;
    if (environment === undefined) {
      throw new CliError("--env is required: name the environment whose state bucket to create, e.g. 'paved bootstrap --env dev'.");
    }
    const dist = args.values.dist as string;
    const graph = readStackGraph(dist);
    const entry = graph.environments.find((e) => e.name === environment);
    if (!entry) {
      throw new CliError(`unknown environment '${environment}'; the synth output has ${quoteList(graph.environments.map((e) => e.name))}.`);
    }
    const id = entry.stateBootstrap;
    if (id === undefined) {
      throw new CliError(`environment '${environment}' has no state bootstrap stack in ${dist}: its state is not kept in an S3 bucket paved creates (the platform's stateBackend is not StateBackend.s3()), so there is nothing to bootstrap; run 'paved plan' directly.`);
    }
    const sharing = graph.environments.filter((e) => e.stateBootstrap === id);
    const production = sharing.filter((e) => e.production).map((e) => e.name);
    const approveProduction = args.values['approve-production'] as boolean;
    if (production.length > 0 && !approveProduction) {
      throw new CliError(`the state bucket of '${environment}' (stack '${id}') also keeps the state of production environment ${quoteList(production)}; creating it needs a confirmation: pass --approve-production. Nothing was applied.`);
    }
    return runStackCommand('apply', { ...args, values: { ...args.values, env: undefined, stack: [id], parallelism: '1' } }, io, {
      approveProduction,
      skipUnchanged: true,
    });
  },
};
