import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { EntityLifecycle, EntityLink, createEntity, linkProblems } from './backstage-entity';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformChart } from '../../src/platform/platform-chart';
import { COMPONENT_LABEL } from '../argocd/argo-cd-application';

/** The label (and catalog annotation) by which Backstage's Kubernetes plugin finds objects. */
export const KUBERNETES_ID = 'backstage.io/kubernetes-id';

/** Props of a `BackstageComponent`. */
export interface BackstageComponentProps {
  /** The declared service. */
  readonly component: string;
  /** The GitHub repository of its code, as `owner/repo`. */
  readonly repository: string;
  /**
   * The kind of component.
   * @default 'service'
   */
  readonly type?: string;
  /**
   * Its stage.
   * @default 'production'
   */
  readonly lifecycle?: EntityLifecycle;
  /**
   * What it does.
   * @default - none
   */
  readonly description?: string;
  /**
   * Its dashboards, by title.
   * @default - none
   */
  readonly dashboards?: Readonly<Record<string, string>>;
  /**
   * Its runbook.
   * @default - none
   */
  readonly runbookUrl?: string;
  /**
   * The names of the API entities it provides.
   * @default - none
   */
  readonly providesApis?: readonly string[];
  /**
   * Entity references of what it depends on: the components it calls (`component:billing`) and
   * the resources of other components it uses (`resource:billing-queue-invoices`).
   * @default - none
   */
  readonly dependsOn?: readonly string[];
  /**
   * The labels its pods (and the objects that run them) carry, which the Kubernetes plugin
   * selects them by (`backstage.io/kubernetes-label-selector`).
   * @default - none: the plugin finds the objects labelled `backstage.io/kubernetes-id: <component>`
   */
  readonly kubernetesLabels?: Readonly<Record<string, string>>;
  /**
   * The one namespace its objects run in in every environment (`backstage.io/kubernetes-namespace`).
   * @default - none: the plugin looks in every namespace
   */
  readonly kubernetesNamespace?: string;
  /**
   * Where its TechDocs come from.
   * @default 'dir:.' (the repository's `mkdocs.yml`)
   */
  readonly techdocsRef?: string;
}

/**
 * The catalog Component of a service: owned by its team, part of its team's domain System,
 * linked to its dashboards and runbook, with the annotations that connect Backstage's Argo CD,
 * Kubernetes, GitHub and TechDocs plugins to it.
 */
export class BackstageComponent extends Construct {
  /** The declared service, from `props.component`; also the entity's name. */
  public readonly component: string;
  /** The owning team's name (the entity's `spec.owner`), from the platform's ownership of the service. */
  public readonly owner: string;
  /** The system it belongs to (`spec.system`): the owning team's `domain`. */
  public readonly system: string;
  /** The kind of component (`spec.type`): `props.type`, or `'service'`. */
  public readonly type: string;
  /** The component's stage (`spec.lifecycle`): `props.lifecycle`, or `'production'`. */
  public readonly lifecycle: EntityLifecycle;
  /** The entity's links: one per `props.dashboards` entry (sorted by title), then the runbook if `props.runbookUrl` is set. */
  public readonly links: readonly EntityLink[];
  /**
   * The entity's annotations: the Argo CD app selector, the Kubernetes id, the GitHub project slug and the TechDocs ref
   * (`props.techdocsRef`, or `dir:.`); the Kubernetes label selector and namespace when `props.kubernetesLabels` and
   * `props.kubernetesNamespace` are set.
   */
  public readonly annotations: Readonly<Record<string, string>>;
  /** The Component entity. */
  public readonly resource: ApiObject;
  private readonly consumedApis = new Set<string>();

  constructor(scope: Construct, id: string, props: BackstageComponentProps) {
    super(scope, id);
    const platform = PlatformChart.of(this).platform;
    const declaration = platform.declaredComponent(props.component);
    if (declaration === undefined) {
      throw new PavedValidationError(this, `'component' must be a declared service (got '${props.component}'); declare it with platform.declareComponent() first.`);
    }
    const team = platform.team(declaration.team);
    this.component = props.component;
    this.owner = team.name;
    this.system = team.domain;
    this.type = props.type ?? 'service';
    this.lifecycle = props.lifecycle ?? 'production';
    this.links = [
      ...Object.entries(props.dashboards ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([title, url]) => ({ url, title, icon: 'dashboard' })),
      ...(props.runbookUrl ? [{ url: props.runbookUrl, title: 'Runbook', icon: 'docs' }] : []),
    ];
    const problems = linkProblems('dashboards/runbookUrl', this.links);
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(props.repository)) {
      problems.push(`'repository' must be a GitHub repository as 'owner/repo' (got '${props.repository}').`);
    }
    PavedValidationError.throwIfAny(this, problems);
    this.annotations = {
      'argocd/app-selector': `${COMPONENT_LABEL}=${this.component}`,
      [KUBERNETES_ID]: this.component,
      'github.com/project-slug': props.repository,
      'backstage.io/techdocs-ref': props.techdocsRef ?? 'dir:.',
      ...props.kubernetesLabels && {
        'backstage.io/kubernetes-label-selector': Object.entries(props.kubernetesLabels).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(','),
      },
      ...props.kubernetesNamespace && { 'backstage.io/kubernetes-namespace': props.kubernetesNamespace },
    };
    this.resource = createEntity(this, {
      kind: 'Component',
      name: this.component,
      description: props.description,
      annotations: this.annotations,
      tags: [declaration.goldenPath],
      links: this.links,
      spec: {
        type: this.type,
        lifecycle: this.lifecycle,
        owner: `group:${this.owner}`,
        system: this.system,
        providesApis: props.providesApis && [...props.providesApis].sort(),
        dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...new Set(props.dependsOn)].sort() : undefined,
        consumesApis: Lazy.any({ produce: () => (this.consumedApis.size > 0 ? [...this.consumedApis].sort() : undefined) }),
      },
    });
  }

  /** Records that it consumes the API entities `apis` (`spec.consumesApis`, sorted). */
  public consumeApis(apis: readonly string[]): void {
    apis.forEach((api) => this.consumedApis.add(api));
  }
}
