import { resolve } from 'path';
import { PlatformBaseline } from '../../../golden-paths/platform-baseline';
import { GOLDEN_PATHS } from '../../../golden-paths/registry';
import { pavedImports } from '../../operations/paved-imports';
import { scaffoldService } from '../../operations/scaffold-service';
import { CliError } from '../../platform/cli-error';
import { appendOperation, operationsLogPath } from '../../platform/operations-log';
import { Command } from '../command';
import { defaultActor } from '../default-actor';
import { displayPath, loadPlatform } from '../load-platform';

/** Whether `specifier` resolves from `directory` (which need not exist yet), as the declaration's import would. */
function resolves(specifier: string, directory: string): boolean {
  const from = resolve(directory);
  try {
    require.resolve(specifier.startsWith('.') ? resolve(from, specifier) : specifier, { paths: [from] });
    return true;
  } catch {
    return false;
  }
}

/** `paved new`: writes a service declaration (and a starter app) into the platform repository. */
export const newCommand: Command = {
  name: 'new',
  summary: 'Scaffold a service on a golden path: its declaration, and a starter app if asked',
  help: `Usage: paved new <golden-path> <name> --team TEAM [--dir DIR] [--skeleton DIR] [--app FILE]

Writes DIR/<name>.ts, a declaration of the service on the golden path (load the directory with
declareServices(platform, dir) in the platform app). Running it again changes nothing; a file
that exists with other content is never overwritten, and a name already declared with another
golden path or team is an error.

Arguments:
  golden-path        ${GOLDEN_PATHS.ids.slice(0, -1).join(', ')} or ${GOLDEN_PATHS.ids[GOLDEN_PATHS.ids.length - 1]},
                     or one the app registers (PlatformBaseline's goldenPaths)
  name               the service's name (lowercase letters, digits and hyphens)

Options:
  --team TEAM        the owning team, declared on the platform
  --dir DIR          where service declarations live (default: services)
  --skeleton DIR     also write a starter app (Dockerfile, health endpoints, tests) into DIR,
                     a directory of its own: never the current directory, one of its parents,
                     the home directory or a git repository
  --import-from PKG  the package the declaration imports paved from (default: 'paved' in a
                     project that depends on paved; inside paved's own clone, relative paths
                     to its sources)
  --app FILE         the platform app that checks the team and name (default: platform.ts)
  --by WHO           who asks, for the operations log (default: git config user.email, else $USER)
  --verbose          show stack traces of errors
  -h, --help         show this help
`,
  options: {
    'team': { type: 'string' },
    'dir': { type: 'string', default: 'services' },
    'skeleton': { type: 'string' },
    'import-from': { type: 'string' },
    'app': { type: 'string' },
    'by': { type: 'string' },
  },
  maxPositionals: 2,
  async run({ values, positionals }, io) {
    const [goldenPath, name] = positionals;
    if (goldenPath === undefined || name === undefined || values.team === undefined) {
      throw new CliError("'paved new' needs a golden path, a name and --team, e.g. 'paved new node-api checkout --team payments'.");
    }
    const platform = await loadPlatform(values.app as string | undefined);
    const team = platform.team(values.team as string).name;
    const existing = platform.declaredComponent(name);
    if (existing && (existing.goldenPath !== goldenPath || existing.team !== team)) {
      const asked = existing.goldenPath !== goldenPath ? `golden path '${goldenPath}'` : `team '${team}'`;
      throw new CliError(`service '${name}' is already declared on platform '${platform.name}' with golden path '${existing.goldenPath}' and team '${existing.team}', `
        + `not ${asked}; nothing was written. Pick another name, or change the existing declaration of '${name}' instead of scaffolding it again.`);
    }
    if (existing) {
      io.stdout(`unchanged: service '${name}' is already declared on platform '${platform.name}'.\n`);
      return 0;
    }
    const result = scaffoldService({
      goldenPath,
      goldenPaths: PlatformBaseline.goldenPathsOf(platform),
      name,
      team,
      directory: values.dir as string,
      skeleton: values.skeleton as string | undefined,
      importFrom: values['import-from'] as string | undefined,
    });
    if (result.written.length === 0) {
      io.stdout(`unchanged: ${result.unchanged.map(displayPath).join(', ')}\n`);
      return 0;
    }
    io.stdout(`wrote ${result.written.map(displayPath).join(', ')}\n`);
    const imports = pavedImports(values.dir as string, { importFrom: values['import-from'] as string | undefined });
    if (!resolves(imports.goldenPaths, values.dir as string)) {
      io.stdout(`  note: '${imports.goldenPaths}' does not resolve from ${displayPath(resolve(values.dir as string))}: add paved to this project (npm install --save-exact paved@<the version 'paved --version' prints>), or pass --import-from.\n`);
    }
    io.stdout(`  the platform app declares it once it loads the directory: declareServices(platform, join(__dirname, '${values.dir}')).\n`);
    if (platform.selfService.file) {
      const log = operationsLogPath(platform.selfService.file);
      appendOperation(log, { at: new Date().toISOString(), by: (values.by as string | undefined) ?? defaultActor(), operation: 'service.created', args: { service: name, team, goldenPath } });
      io.stdout(`  logged it in ${displayPath(log)}; commit everything and open a pull request.\n`);
    }
    return 0;
  },
};
