import { Construct } from 'constructs';
import type { Service } from './service';
import { PolicyStatement } from '../constructs/aws/policy-statement';
import { Role } from '../constructs/aws/role';
import { YamlWriter } from '../src/engine/yaml-writer';
import {
  ACTIONS, GITHUB_ACTIONS_OIDC_HOST, GITOPS_DEPLOY_KEY_SECRET, awsCredentialsStep, checkoutGitOpsStep, commitAndPush, gitopsPath,
} from '../src/platform/github-actions';
import { PlatformStack } from '../src/platform/platform-stack';

const WORKFLOW_YAML = YamlWriter.workflows();

/** Props of a `ServiceCiWorkflow`. */
export interface ServiceCiWorkflowProps {
  /** The service the workflow builds. */
  readonly service: Service;
  /** The stack of the service's container repository (in the registry environment). */
  readonly registryStack: PlatformStack;
}

/**
 * The CI of a service's own repository, written to `ci/<service>.yml` for the team to copy to
 * `.github/workflows/`: test on every pull request and push; on main build the image, scan it
 * (the push fails on a fixable HIGH or CRITICAL finding), push it to the service's registry with
 * short-lived credentials from GitHub's OIDC provider (no stored keys), and pin its digest in the
 * first environment's release component in the GitOps repository; a manual run promotes a digest
 * to another environment. Also the IAM role the workflow assumes: trusted by the repository's
 * main branch only, allowed to push to the service's repository only.
 */
export class ServiceCiWorkflow extends Construct {
  /** The role the workflow assumes to push images. */
  public readonly role: Role;
  /** Where the workflow is written in the synth output. */
  public readonly path: string;

  constructor(scope: Construct, id: string, props: ServiceCiWorkflowProps) {
    super(scope, id);
    const { service, registryStack } = props;
    const platform = registryStack.platform;
    const registry = registryStack.environment;
    this.role = new Role(registryStack, 'CiRole', {
      trustStatements: [new PolicyStatement({
        sid: 'AssumeFromMainBranch',
        principal: { Federated: [`arn:aws:iam::${registry.account}:oidc-provider/${GITHUB_ACTIONS_OIDC_HOST}`] },
        actions: ['sts:AssumeRoleWithWebIdentity'],
        conditions: {
          StringEquals: {
            [`${GITHUB_ACTIONS_OIDC_HOST}:sub`]: `repo:${service.repository}:ref:refs/heads/main`,
            [`${GITHUB_ACTIONS_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
          },
        },
      })],
    });
    service.containerRepository.grantPush(this.role);

    const environments = platform.environments.filter((e) => !e.ephemeral).map((e) => e.name);
    const image = service.containerRepository.repositoryUri;
    const pin = (environment: string, digest: string) => ({
      name: `Pin the image in ${environment}`,
      run: [
        `cd "gitops/${gitopsPath(platform)}${environment}/releases/${service.name}"`,
        `kustomize edit set image "${image}@${digest}"`,
        'cd "$GITHUB_WORKSPACE/gitops"',
        commitAndPush(`release ${service.name} ${digest} to ${environment}`, platform.gitops.revision),
      ].join('\n'),
    });
    const workflow = {
      name: `${service.name} (paved ${service.goldenPath})`,
      on: {
        pull_request: { branches: ['main'] },
        push: { branches: ['main'] },
        workflow_dispatch: {
          inputs: {
            environment: { description: 'The environment to promote to', required: true, type: 'choice', options: environments },
            digest: { description: 'The image digest to promote (sha256:...)', required: true, type: 'string' },
          },
        },
      },
      permissions: { contents: 'read' },
      defaults: { run: { shell: 'bash' } },
      jobs: {
        test: {
          'if': "github.event_name != 'workflow_dispatch'",
          'runs-on': 'ubuntu-latest',
          'steps': [{ uses: ACTIONS.checkout }, ...service.spec.toolchain.testSteps],
        },
        build: {
          'needs': 'test',
          'if': "github.event_name == 'push'",
          'runs-on': 'ubuntu-latest',
          'permissions': { 'contents': 'read', 'id-token': 'write' },
          'outputs': { digest: '${{ steps.push.outputs.digest }}' },
          'steps': [
            { uses: ACTIONS.checkout },
            awsCredentialsStep(this.role.roleArn, registry.region, `${service.name}-ci-\${{ github.run_id }}`),
            { name: 'Log in to the registry', uses: ACTIONS.ecrLogin },
            { name: 'Build', run: `docker build --tag "${image}:\${{ github.sha }}" .` },
            {
              name: 'Scan',
              uses: ACTIONS.trivy,
              with: { 'image-ref': `${image}:\${{ github.sha }}`, 'severity': 'HIGH,CRITICAL', 'ignore-unfixed': true, 'exit-code': '1' },
            },
            {
              name: 'Push',
              id: 'push',
              run: [
                `docker push "${image}:\${{ github.sha }}"`,
                `echo "digest=$(docker inspect --format '{{index .RepoDigests 0}}' "${image}:\${{ github.sha }}" | cut -d@ -f2)" >> "$GITHUB_OUTPUT"`,
              ].join('\n'),
            },
          ],
        },
        release: {
          'needs': 'build',
          'runs-on': 'ubuntu-latest',
          'concurrency': { 'group': `release-${service.name}-${environments[0]}`, 'cancel-in-progress': false },
          'steps': [checkoutGitOpsStep(platform, GITOPS_DEPLOY_KEY_SECRET), pin(environments[0], '${{ needs.build.outputs.digest }}')],
        },
        promote: {
          'if': "github.event_name == 'workflow_dispatch'",
          'runs-on': 'ubuntu-latest',
          'environment': '${{ inputs.environment }}',
          'concurrency': { 'group': `release-${service.name}-\${{ inputs.environment }}`, 'cancel-in-progress': false },
          'steps': [checkoutGitOpsStep(platform, GITOPS_DEPLOY_KEY_SECRET), pin('${{ inputs.environment }}', '${{ inputs.digest }}')],
        },
      },
    };
    this.path = `ci/${service.name}.yml`;
    platform.addFile(this.path, `# Generated by paved for ${service.name}; copy to .github/workflows/ in ${service.repository}.\n`
      + WORKFLOW_YAML.stringify(workflow));
  }
}
