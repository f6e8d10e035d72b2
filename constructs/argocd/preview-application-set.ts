import { posix } from 'path';
import { Construct } from 'constructs';
import { previewNamespacePattern } from '../../src/platform/names';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { environmentChart } from '../environment-chart';
import { ARGOCD_NAMESPACE, COMPONENT_LABEL, applicationProps } from './argo-cd-application';
import * as argocd from '../imports/applicationset-argoproj.io';
import { RESTRICTED_POD_SECURITY_LABELS } from '../kubernetes/team-tenancy';

/** Props of a `PreviewApplicationSet`. */
export interface PreviewApplicationSetProps {
  /** The service that gets a preview environment per pull request. */
  readonly component: string;
  /** The GitHub repository of the service's code, as `owner/repo`. */
  readonly repository: string;
  /** The image repository the service's CI pushes `<repository>:<head commit SHA>` to. */
  readonly imageRepository: string;
  /**
   * Only pull requests with all of these labels get a preview.
   * @default ['preview']
   */
  readonly labels?: readonly string[];
  /**
   * The Secret (in the `argocd` namespace) with a GitHub token under the key `token`.
   * @default - none: anonymous GitHub API calls, which are rate limited
   */
  readonly tokenSecretName?: string;
}

/**
 * An ApplicationSet with the pull request generator: each open pull request of the service's
 * repository (with the labels) gets an Application `<service>-pr-<number>` that deploys the
 * environment's manifests of the service, with the image of the pull request's head commit,
 * into its own namespace `<team>-preview-<service>-<number>` (Pod Security `restricted`); closing
 * the pull request deletes it. Needs the team's AppProject with `previews` set.
 */
export class PreviewApplicationSet extends Construct {
  /** The service that gets a preview per pull request, from `props.component`. */
  public readonly component: string;
  /** The GitHub owner (user or organization) of the service's repository: the part of `props.repository` before the `/`. */
  public readonly owner: string;
  /** The GitHub repository name: the part of `props.repository` after the `/`. */
  public readonly repo: string;
  /** The labels a pull request needs for a preview, sorted: `props.labels`, or `['preview']`. */
  public readonly labels: readonly string[];
  /** The ApplicationSet object. */
  public readonly resource: argocd.ApplicationSet;

  constructor(scope: Construct, id: string, props: PreviewApplicationSetProps) {
    super(scope, id);
    const { chart, environment } = environmentChart(this);
    const platform = chart.platform;
    const placement = platform.placement(props.component, environment.name);
    const [owner, repo, ...rest] = props.repository.split('/');
    if (!owner || !repo || rest.length > 0) {
      throw new PavedValidationError(this, `'repository' must be a GitHub repository as 'owner/repo' (got '${props.repository}').`);
    }
    this.component = props.component;
    this.owner = owner;
    this.repo = repo;
    this.labels = [...props.labels ?? ['preview']].sort();
    const team = placement.ownership.team;
    const namespace = previewNamespacePattern(team).replace('*', `${props.component}-{{ .number }}`);
    const template = applicationProps(platform, {
      name: `${props.component}-pr-{{ .number }}`,
      component: props.component,
      project: team,
      path: posix.join(environment.name, 'apps', props.component),
      namespace,
    });
    const source = template.spec.source!;
    const syncPolicy = template.spec.syncPolicy!;

    this.resource = new argocd.ApplicationSet(this, 'Resource', {
      metadata: { name: platform.naming.kubernetesName(props.component, 'previews'), namespace: ARGOCD_NAMESPACE },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{
          pullRequest: {
            github: {
              owner,
              repo,
              labels: [...this.labels],
              tokenRef: props.tokenSecretName === undefined ? undefined : { secretName: props.tokenSecretName, key: 'token' },
            },
            requeueAfterSeconds: 300,
          },
        }],
        template: {
          metadata: {
            name: template.metadata!.name!,
            labels: { [COMPONENT_LABEL]: props.component, 'paved.dev/preview': '{{ .number }}' },
            finalizers: template.metadata!.finalizers,
          },
          spec: {
            project: template.spec.project,
            source: {
              repoUrl: source.repoUrl,
              targetRevision: source.targetRevision,
              path: source.path,
              kustomize: { namespace, images: [`${props.imageRepository}:{{ .head_sha }}`] },
            },
            destination: { server: template.spec.destination.server, namespace },
            syncPolicy: {
              automated: syncPolicy.automated,
              retry: syncPolicy.retry,
              syncOptions: [...syncPolicy.syncOptions!, 'CreateNamespace=true'],
              managedNamespaceMetadata: { labels: { ...RESTRICTED_POD_SECURITY_LABELS } },
            },
          },
        },
      },
    });
  }
}
