import type { StackGraphEntry } from '../synth/stack-graph';

/** The part of a synth output a file belongs to. */
export type OutputLayer = 'terraform' | 'gitops' | 'catalog' | 'ci' | 'other';

/** Every layer, in the order `paved diff` lists them. */
export const OUTPUT_LAYERS: readonly OutputLayer[] = ['terraform', 'gitops', 'catalog', 'ci', 'other'];

/** The component that a file is attributed to when no service owns it. */
export const PLATFORM_OWNER = 'platform';

/** Who a file of a synth output belongs to. */
export interface OutputFileOwner {
  /** The layer of the file. */
  readonly layer: OutputLayer;
  /**
   * The environment the file deploys to.
   * @default - none: the file is not tied to one environment (catalog, CI, report)
   */
  readonly environment?: string;
  /** The service that owns the file, or `platform`. */
  readonly service: string;
  /** The team that owns the service, or `platform`. */
  readonly team: string;
}

/** What `OutputFileOwners` knows of the two outputs it attributes files for. */
export interface OutputFileOwnersProps {
  /** The stacks of both outputs (the head's first, so that its entry wins for a directory in both). */
  readonly stacks: readonly StackGraphEntry[];
  /** The owning team of every service of both outputs, by service. */
  readonly teams: ReadonlyMap<string, string>;
}

/**
 * Attributes the files of a synth output to a layer, an environment, a service and a team: a
 * Terraform stack's files by `terraform/stacks.json`, GitOps manifests by their path
 * (`gitops/<env>/apps/<service>/`, `releases/<service>/`, `argocd/application-<service>-<env>.yaml`,
 * `argocd/appproject-<team>.yaml`), catalog entities by their file name (`component-<service>.yaml`,
 * `resource-<service>-<name>.yaml`, `group-<team>.yaml`), CI workflows by `ci/<service>.yml`.
 * Anything else belongs to `platform`.
 */
export class OutputFileOwners {
  private readonly stacks: readonly StackGraphEntry[];
  private readonly teams: ReadonlyMap<string, string>;
  /** Service names, longest first, so that `payments-api` wins over `payments` as a prefix. */
  private readonly servicesLongestFirst: readonly string[];

  constructor(props: OutputFileOwnersProps) {
    this.stacks = props.stacks;
    this.teams = props.teams;
    this.servicesLongestFirst = [...props.teams.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  }

  /** Who the file at `path` (relative to the output, `/`-separated) belongs to. */
  public ownerOf(path: string): OutputFileOwner {
    const [top, ...rest] = path.split('/');
    switch (top) {
      case 'terraform': return this.terraformOwner(path);
      case 'gitops': return this.gitopsOwner(rest);
      case 'catalog': return this.catalogOwner(rest);
      case 'ci': return rest.length === 1 ? this.serviceOwner('ci', undefined, rest[0].replace(/\.ya?ml$/, '')) : this.platform('ci');
      default: return this.platform('other');
    }
  }

  private terraformOwner(path: string): OutputFileOwner {
    const stack = this.stacks.find((s) => path.startsWith(`${s.directory}/`));
    return stack
      ? { layer: 'terraform', environment: stack.environment, service: stack.service, team: stack.team }
      : this.platform('terraform');
  }

  private gitopsOwner([environment, area, name, ...rest]: string[]): OutputFileOwner {
    if (name === undefined) {
      return this.platform('gitops', area === undefined ? undefined : environment);
    }
    if ((area === 'apps' || area === 'releases') && rest.length > 0) {
      return this.serviceOwner('gitops', environment, name);
    }
    if (area === 'argocd') {
      const application = /^application-(.+)-([^-]+)\.yaml$/.exec(name);
      if (application && application[2] === environment) {
        return this.serviceOwner('gitops', environment, application[1]);
      }
      const project = /^appproject-(.+)\.yaml$/.exec(name);
      if (project) {
        return { layer: 'gitops', environment, service: PLATFORM_OWNER, team: project[1] };
      }
    }
    return this.platform('gitops', environment);
  }

  private catalogOwner([file, ...rest]: string[]): OutputFileOwner {
    const entity = rest.length === 0 ? /^([a-z]+)-(.+)\.yaml$/.exec(file) : null;
    if (!entity) {
      return this.platform('catalog');
    }
    const [, kind, name] = entity;
    if (kind === 'group') {
      return { layer: 'catalog', service: PLATFORM_OWNER, team: name };
    }
    const service = this.servicesLongestFirst.find((s) => name === s || (kind === 'resource' && name.startsWith(`${s}-`)));
    return service ? this.serviceOwner('catalog', undefined, service) : this.platform('catalog');
  }

  /** `service`'s file when it is a known service; the platform's otherwise. */
  private serviceOwner(layer: OutputLayer, environment: string | undefined, service: string): OutputFileOwner {
    const team = this.teams.get(service);
    if (team === undefined) {
      return this.platform(layer, environment);
    }
    return environment === undefined ? { layer, service, team } : { layer, environment, service, team };
  }

  private platform(layer: OutputLayer, environment?: string): OutputFileOwner {
    return environment === undefined
      ? { layer, service: PLATFORM_OWNER, team: PLATFORM_OWNER }
      : { layer, environment, service: PLATFORM_OWNER, team: PLATFORM_OWNER };
  }
}
