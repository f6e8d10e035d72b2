import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { DEFAULT_PIPELINE_FILE, PIPELINE_HEADER, renderCiPipeline } from '../../operations/ci-pipeline';
import { OutputDirectory } from '../../synth/output-directory';
import { Command } from '../command';
import { displayPath, loadPlatform } from '../load-platform';

/** `paved pipeline`: writes the platform repository's CI workflow. */
export const pipelineCommand: Command = {
  name: 'pipeline',
  summary: 'Write the GitHub Actions workflow that checks, plans, applies and pushes the platform',
  help: `Usage: paved pipeline [APP] [--out FILE] [--role-name NAME] [--gitops-key-secret NAME]

Writes the platform repository's GitHub Actions workflow: on pull requests check, synth and an
offline plan per environment; on main, per environment in order, apply with AWS credentials
from GitHub's OIDC provider, push the manifests to the GitOps repository and record the
deployment. Running it again changes nothing unless the platform changed. FILE is overwritten
only when paved wrote it (its first line says so); any other file is refused.

Arguments:
  APP                       the platform app (default: platform.ts)

Options:
  -o, --out FILE            the workflow file (default: ${DEFAULT_PIPELINE_FILE})
  --role-name NAME          the IAM role CI assumes in each account (default: <platform>-paved-deploy)
  --gitops-key-secret NAME  the secret with the GitOps repository's deploy key (default: GITOPS_DEPLOY_KEY)
  --verbose                 show stack traces of errors
  -h, --help                show this help
`,
  options: {
    'out': { type: 'string', short: 'o', default: DEFAULT_PIPELINE_FILE },
    'role-name': { type: 'string' },
    'gitops-key-secret': { type: 'string' },
  },
  maxPositionals: 1,
  async run({ values, positionals }, io) {
    const file = OutputDirectory.replaceableFile(values.out as string, PIPELINE_HEADER, { example: DEFAULT_PIPELINE_FILE });
    const platform = await loadPlatform(positionals[0]);
    const content = renderCiPipeline({
      platform,
      app: positionals[0],
      roleName: values['role-name'] as string | undefined,
      gitopsKeySecret: values['gitops-key-secret'] as string | undefined,
    });
    if (existsSync(file) && readFileSync(file, 'utf8') === content) {
      io.stdout(`unchanged: ${displayPath(file)} is up to date.\n`);
      return 0;
    }
    mkdirSync(dirname(file), { recursive: true });
    // A name of paved's own, created exclusively: never someone's file.
    const temporary = `${file}.paved-${process.pid}`;
    writeFileSync(temporary, content, { flag: 'wx' });
    renameSync(temporary, file);
    io.stdout(`wrote ${displayPath(file)}; commit it, add the secret with the GitOps deploy key, and protect the production environment with required reviewers.\n`);
    return 0;
  },
};
