import { formatFindings } from '../../policy/format-findings';
import { check } from '../../synth/check';
import { withAppErrors } from '../app-error';
import { Command } from '../command';
import { describePolicy } from '../describe-policy';
import { appFile, loadApp } from '../load-platform';
import { reportTypecheck } from '../typecheck-app';

/** `paved check`: runs the guardrails and prints every finding, writing nothing. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'Run the guardrails over a platform app and print the findings (writes nothing)',
  help: `Usage: paved check [APP] [--as-of YYYY-MM-DD] [--typecheck]

Synthesizes APP in memory and runs every guardrail over the Terraform and Kubernetes output.
Prints the findings grouped by service, each with its fix, and exits 1 when an error has no
deviation that justifies it.

Arguments:
  APP               a .ts or .js file that default-exports a Platform (default: platform.ts)
                    and may export 'packs', the rule packs to run (default: DEFAULT_PACKS)

Options:
  --as-of DATE      judge deviation expiry as of DATE (default: today)
  --typecheck       first type-check APP with the project's own TypeScript (the 'typescript'
                    package resolved from APP's directory, the nearest tsconfig.json's options,
                    no emit); prints each error as file:line:col and exits 1 on any. Exits 1
                    too, saying so, when TypeScript is not installed there
  --verbose         show stack traces of errors
  -h, --help        show this help
`,
  options: {
    'as-of': { type: 'string' },
    'typecheck': { type: 'boolean', default: false },
  },
  maxPositionals: 1,
  async run({ values, positionals }, io) {
    if (values.typecheck && !reportTypecheck(appFile(positionals[0]), io)) {
      return 1;
    }
    const { platform, packs } = await loadApp(positionals[0], values['as-of'] as string | undefined);
    const result = withAppErrors(appFile(positionals[0]), () => check(platform, { asOf: values['as-of'] as string | undefined, packs }));
    if (result.findings.length > 0) {
      io.stdout(`${formatFindings(result.findings)}\n\n`);
    }
    io.stdout(`Platform '${platform.name}': ${describePolicy(result)}\n`);
    return result.unjustifiedErrors.length > 0 ? 1 : 0;
  },
};
