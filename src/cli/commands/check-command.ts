import { formatFindings } from '../../policy/format-findings';
import { Command } from '../command';
import { describePolicy } from '../describe-policy';
import { loadPlatform } from '../load-platform';

/** `paved check`: runs the guardrails and prints every finding, writing nothing. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'Run the guardrails over a platform app and print the findings (writes nothing)',
  help: `Usage: paved check [APP] [--as-of YYYY-MM-DD]

Synthesizes APP in memory and runs every guardrail over the Terraform and Kubernetes output.
Prints the findings grouped by service, each with its fix, and exits 1 when an error has no
deviation that justifies it.

Arguments:
  APP               a .ts or .js file that default-exports a Platform (default: platform.ts)

Options:
  --as-of DATE      judge deviation expiry as of DATE (default: today)
  --verbose         show stack traces of errors
  -h, --help        show this help
`,
  options: {
    'as-of': { type: 'string' },
  },
  maxPositionals: 1,
  async run({ values, positionals }, io) {
    const platform = await loadPlatform(positionals[0], values['as-of'] as string | undefined);
    const result = platform.check(values['as-of'] as string | undefined);
    if (result.findings.length > 0) {
      io.stdout(`${formatFindings(result.findings)}\n\n`);
    }
    io.stdout(`Platform '${platform.name}': ${describePolicy(result)}\n`);
    return result.unjustifiedErrors.length > 0 ? 1 : 0;
  },
};
