import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { ApiObject } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-28';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { ApiDefinitionFile, readApiDefinitionFile } from './api-definition-file';
import { GoldenPathSpec } from './golden-path-spec';
import { PlatformBaseline } from './platform-baseline';
import { ServiceCiWorkflow } from './service-ci-workflow';
import { ArgoCdApplication } from '../constructs/argocd/argo-cd-application';
import { Bucket } from '../constructs/aws/bucket';
import { ContainerRepository } from '../constructs/aws/container-repository';
import { DatabaseSize } from '../constructs/aws/database-size';
import { ExistingRole } from '../constructs/aws/existing-role';
import { KmsKey } from '../constructs/aws/kms-key';
import { PostgresDatabase } from '../constructs/aws/postgres-database';
import { Queue } from '../constructs/aws/queue';
import { Secret } from '../constructs/aws/secret';
import { WorkloadIdentity } from '../constructs/aws/workload-identity';
import { ApiType, BackstageApi } from '../constructs/backstage/backstage-api';
import { BackstageComponent } from '../constructs/backstage/backstage-component';
import { EntityLifecycle } from '../constructs/backstage/backstage-entity';
import { BackstageResource } from '../constructs/backstage/backstage-resource';
import { AwsEndpoint } from '../constructs/kubernetes/aws-endpoint';
import { Deviation } from '../constructs/kubernetes/deviation';
import { ExternalSecret } from '../constructs/kubernetes/external-secret';
import { GrafanaDashboard } from '../constructs/kubernetes/grafana-dashboard';
import { Image } from '../constructs/kubernetes/image';
import { PodMonitor } from '../constructs/kubernetes/pod-monitor';
import { SecureWorkload, WorkloadResources } from '../constructs/kubernetes/secure-workload';
import { ServiceMonitor } from '../constructs/kubernetes/service-monitor';
import { SloAlerts } from '../constructs/kubernetes/slo-alerts';
import { WorkloadNetworkPolicy } from '../constructs/kubernetes/workload-network-policy';
import { YamlWriter } from '../src/engine/yaml-writer';
import { DeviationProps } from '../src/platform/deviation';
import { Environment } from '../src/platform/environment';
import { checkName } from '../src/platform/names';
import { PavedValidationError } from '../src/platform/paved-validation-error';
import { Placement } from '../src/platform/placement';
import { DEVIATION_PROPS_SHAPE, Platform } from '../src/platform/platform';
import { Prop, PropShape, propProblems } from '../src/platform/prop-checker';
import { groupBy } from '../src/util/group-by';
import { sortedBy } from '../src/util/sorted-by';

/** Longest service name: it is a Kubernetes name and part of AWS names. */
export const MAX_SERVICE_NAME_LENGTH = 40;

/** Longest name of a queue, bucket or secret of a service. */
const MAX_RESOURCE_NAME_LENGTH = 30;

const KUSTOMIZE_YAML = YamlWriter.manifests();

/** The annotation that restarts pods when a secret is rotated (`paved secret rotate`). */
export const ROTATION_ANNOTATION_PREFIX = 'paved.dev/rotation-';

/** A database's size, by name. */
export type ServiceDatabaseSize = 'small' | 'medium' | 'large';

/** A service's PostgreSQL database. */
export interface ServiceDatabaseOptions {
  /**
   * Instance class and storage.
   * @default 'small'
   */
  readonly size?: ServiceDatabaseSize;
}

/** What may differ between environments. */
export interface ServiceEnvironmentOptions {
  /**
   * Fewest replicas.
   * @default - the environment's `minReplicas`
   */
  readonly minReplicas?: number;
  /**
   * Most replicas the autoscaler may run.
   * @default - three times `minReplicas`
   */
  readonly maxReplicas?: number;
  /**
   * CPU, memory and ephemeral storage of the container.
   * @default - the golden path's size
   */
  readonly resources?: WorkloadResources;
  /**
   * Plain environment variables (never secrets: declare those in `secrets`).
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The database's settings here.
   * @default - the service's `database`
   */
  readonly database?: ServiceDatabaseOptions;
}

/** What a service uses of other services' resources, each as `<service>/<name>`. */
export interface ServiceConsumes {
  /**
   * Queues of other services this one consumes from (`billing/invoices`): it may receive and
   * delete their messages, and gets `QUEUE_<SERVICE>_<NAME>_URL`.
   * @default - none
   */
  readonly queues?: readonly string[];
  /**
   * Buckets of other services this one reads (`billing/exports`): it may list them and read
   * their objects, and gets `BUCKET_<SERVICE>_<NAME>`.
   * @default - none
   */
  readonly buckets?: readonly string[];
}

const DATABASE_OPTIONS = Prop.object({ size: Prop.oneOf(['small', 'medium', 'large']) });
const WORKLOAD_DEVIATION = Prop.object({
  reason: DEVIATION_PROPS_SHAPE.reason,
  owner: DEVIATION_PROPS_SHAPE.owner,
  expires: DEVIATION_PROPS_SHAPE.expires,
});

/** The kinds of `ServiceEnvironmentOptions`, checked at run time (apps may be plain JavaScript). */
export const SERVICE_ENVIRONMENT_OPTIONS_SHAPE: PropShape = {
  minReplicas: Prop.number({ integer: true, min: 1 }),
  maxReplicas: Prop.number({ integer: true, min: 1 }),
  resources: Prop.object({
    cpuMillis: Prop.number({ integer: true, min: 1 }),
    memoryMiB: Prop.number({ integer: true, min: 1 }),
    memoryLimitMiB: Prop.number({ integer: true, min: 1 }),
    ephemeralStorageGiB: Prop.number({ integer: true, min: 1 }),
  }),
  env: Prop.record(Prop.string()),
  database: DATABASE_OPTIONS,
};

/** The kinds of `ServiceProps`, checked at run time; each golden path adds its own. */
export const SERVICE_PROPS_SHAPE: PropShape = {
  team: Prop.required(Prop.string()),
  description: Prop.string(),
  repository: Prop.string(),
  imageTag: Prop.string(),
  minReplicas: SERVICE_ENVIRONMENT_OPTIONS_SHAPE.minReplicas,
  maxReplicas: SERVICE_ENVIRONMENT_OPTIONS_SHAPE.maxReplicas,
  resources: SERVICE_ENVIRONMENT_OPTIONS_SHAPE.resources,
  env: SERVICE_ENVIRONMENT_OPTIONS_SHAPE.env,
  database: Prop.union([Prop.boolean(), DATABASE_OPTIONS], "true, false or an object such as { size: 'medium' }"),
  queues: Prop.stringList(),
  buckets: Prop.stringList(),
  secrets: Prop.stringList(),
  dependsOn: Prop.stringList(),
  consumes: Prop.object({ queues: Prop.stringList(), buckets: Prop.stringList() }),
  environments: Prop.record(Prop.object(SERVICE_ENVIRONMENT_OPTIONS_SHAPE)),
  deviations: Prop.list(Prop.object(DEVIATION_PROPS_SHAPE)),
  lifecycle: Prop.oneOf(['experimental', 'production', 'deprecated']),
  writableRootFilesystem: WORKLOAD_DEVIATION,
};

/** Props every golden path takes. */
export interface ServiceProps extends Omit<ServiceEnvironmentOptions, 'database'> {
  /** The owning team (declared on the platform). */
  readonly team: string;
  /**
   * One line on what the service does, for the catalog.
   * @default - `<golden path title> <name>, owned by team <team>.`
   */
  readonly description?: string;
  /**
   * The service's GitHub repository, `owner/repo`.
   * @default `<githubOrganization>/<service>`
   */
  readonly repository?: string;
  /**
   * The image tag deployed until the service's CI pins a digest (never `latest`).
   * @default '0.1.0'
   */
  readonly imageTag?: string;
  /**
   * A PostgreSQL database, connected with IAM authentication.
   * @default - none
   */
  readonly database?: boolean | ServiceDatabaseOptions;
  /**
   * SQS queues the service owns (sends to and consumes from), by name.
   * @default - none
   */
  readonly queues?: readonly string[];
  /**
   * S3 buckets the service owns (reads and writes), by name.
   * @default - none
   */
  readonly buckets?: readonly string[];
  /**
   * Secrets the service reads, by name: Secrets Manager secrets (their values are set outside
   * paved), delivered as environment variables through External Secrets.
   * @default - none
   */
  readonly secrets?: readonly string[];
  /**
   * Services this one calls: network policies let it reach them and them accept it.
   * @default - none
   */
  readonly dependsOn?: readonly string[];
  /**
   * Other services' queues this one consumes from and buckets it reads, by
   * `<service>/<name>` (`{ queues: ['billing/invoices'] }`); the producer declares them as usual.
   * @default - none
   */
  readonly consumes?: ServiceConsumes;
  /**
   * Settings for one environment, by environment name: `{ prod: { minReplicas: 3 } }`.
   * @default - the same everywhere
   */
  readonly environments?: Readonly<Record<string, ServiceEnvironmentOptions>>;
  /**
   * Exceptions to guardrails for this service, each with a reason, an owner and an expiry.
   * @default - none
   */
  readonly deviations?: readonly DeviationProps[];
  /**
   * The service's lifecycle stage in the catalog.
   * @default 'production'
   */
  readonly lifecycle?: EntityLifecycle;
  /**
   * Leaves the container's root filesystem writable, for software that cannot run otherwise: a
   * deviation from PAVED-K8S-POD-003 with its reason, owner and expiry, recorded and counted.
   * @default - none: the root filesystem is read-only
   */
  readonly writableRootFilesystem?: Deviation;
}

/** Everything a service runs in one environment; every part is reachable for escape hatches. */
export interface ServiceDeployment {
  /** The environment this deployment is in. */
  readonly environment: Environment;
  /** The service's stack and chart in this environment. */
  readonly placement: Placement;
  /** Encrypts everything the service stores here. */
  readonly encryptionKey: KmsKey;
  /** The IAM role only the service's Kubernetes service account can assume. */
  readonly identity: WorkloadIdentity;
  /** The service's PostgreSQL database here; absent when the service declares no `database`. */
  readonly database?: PostgresDatabase;
  /** The service's SQS queues here, by the names in `queues`. */
  readonly queues: ReadonlyMap<string, Queue>;
  /** The service's S3 buckets here, by the names in `buckets`. */
  readonly buckets: ReadonlyMap<string, Bucket>;
  /** The service's Secrets Manager secrets here, by the names in `secrets`. */
  readonly secrets: ReadonlyMap<string, Secret>;
  /** External Secrets objects that deliver the secrets (and the database address) to the pods. */
  readonly externalSecrets: readonly ExternalSecret[];
  /** The Deployment and what it comes with (Service, ServiceAccount, autoscaler, disruption budget, Ingress). */
  readonly workload: SecureWorkload;
  /** What Prometheus scrapes the workload through: a `PodMonitor` when the golden path's `exposure` is `none`, a `ServiceMonitor` otherwise. */
  readonly monitor: ServiceMonitor | PodMonitor;
  /** The availability and latency alerts of the service's objectives. */
  readonly alerts: SloAlerts;
  /** The service's Grafana dashboard. */
  readonly dashboard: GrafanaDashboard;
  /** The Argo CD Application that syncs the service's directory. */
  readonly application: ArgoCdApplication;
}

/**
 * The base of every golden path: from one short declaration, for every environment, a Terraform
 * stack (workload identity, the resources asked for, each granted with least privilege), the
 * Kubernetes manifests (secure workload, network policy, External Secrets, monitoring, alerts,
 * dashboard), an Argo CD Application; once per service a container repository, a CI role and
 * workflow, and the catalog entities.
 *
 * Variants (`NodeApi`, `PythonWorker`, `ReactFrontend`, `GrpcService`) only fix the
 * `GoldenPathSpec`: ports, probes, exposure, what the workload needs.
 */
export abstract class Service extends Construct {
  /** The services declared on `platform` from golden paths, by name. */
  public static all(platform: Platform): Service[] {
    return sortedBy(platform.node.children.filter((c): c is Service => c instanceof Service), (s) => s.name);
  }

  /** The service's name, as declared: its construct id, stack and namespace part, Backstage component. */
  public readonly name: string;
  /** The owning team's name, from `props.team` (checked to be declared on the platform). */
  public readonly team: string;
  /** The golden path the service is built from, from its `GoldenPathSpec` (`node-api`, `python-worker`, ...). */
  public readonly goldenPath: string;
  /** One line on what the service does, for the catalog: `props.description`, or `<golden path title> <name>, owned by team <team>.` */
  public readonly description: string;
  /** The service's GitHub repository, `owner/repo`: `props.repository`, or `<githubOrganization>/<name>`. */
  public readonly repository: string;
  /** The image tag deployed until the service's CI pins a digest: `props.imageTag`, or `'0.1.0'`. */
  public readonly imageTag: string;
  /** The service's runbook (`RUNBOOK.md` in its repository): linked from the catalog and every alert. */
  public readonly runbookUrl: string;
  /** The SQS queues the service owns, by name, from `props.queues`; empty when none. */
  public readonly queueNames: readonly string[];
  /** The S3 buckets the service owns, by name, from `props.buckets`; empty when none. */
  public readonly bucketNames: readonly string[];
  /** The secrets the service reads, by name, from `props.secrets`; empty when none. */
  public readonly secretNames: readonly string[];
  /** The services this one calls, from `props.dependsOn`; empty when none. */
  public readonly dependsOn: readonly string[];
  /** Other services' queues this one consumes from, as `<service>/<name>`, from `props.consumes.queues`; empty when none. */
  public readonly consumedQueues: readonly string[];
  /** Other services' buckets this one reads, as `<service>/<name>`, from `props.consumes.buckets`; empty when none. */
  public readonly consumedBuckets: readonly string[];
  /** The golden path's fixed choices. */
  public readonly spec: GoldenPathSpec;
  /** The platform's baseline this service relies on. */
  public readonly baseline: PlatformBaseline;
  /** The service's images, in the registry environment; every environment pulls from it. */
  public readonly containerRepository: ContainerRepository;
  /** The GitHub Actions workflow for the service's own repository. */
  public readonly ciWorkflow: ServiceCiWorkflow;
  /** The catalog Component. */
  public readonly catalogComponent: BackstageComponent;
  /** The catalog API, for golden paths that publish one. */
  public readonly catalogApi?: BackstageApi;
  /** What the service runs in each environment, by environment name. */
  public readonly deployments: ReadonlyMap<string, ServiceDeployment>;
  private readonly props: ServiceProps;

  /**
   * @param shape the kinds of the variant's props (`SERVICE_PROPS_SHAPE` and its own), checked
   * before anything is declared, since apps may be plain JavaScript
   */
  protected constructor(platform: Platform, name: string, props: ServiceProps, spec: GoldenPathSpec, shape: PropShape = SERVICE_PROPS_SHAPE) {
    const subject = { description: `${new.target.name} '${name}'`, path: `${platform?.node?.path ?? ''}/${name}` };
    if (!Platform.isPlatform(platform)) {
      throw new PavedValidationError(subject, `the first argument must be the Platform (got ${platform === undefined || platform === null ? String(platform) : (platform as object).constructor?.name ?? typeof platform}); declare it as new ${new.target.name}(platform, '${name}', { team: ... }).`);
    }
    PavedValidationError.throwIfAny(subject, [
      ...[checkName('name', name, MAX_SERVICE_NAME_LENGTH)].filter((p): p is string => p !== undefined),
      ...propProblems(props, shape),
    ]);
    // Declared before the construct exists, so a duplicate name is the platform's clear error.
    platform.declareComponent({
      name, team: props.team, goldenPath: spec.goldenPath, deviations: props.deviations ?? [], secrets: props.secrets ?? [],
    });
    super(platform, name);
    this.props = props;
    this.spec = spec;
    this.name = name;
    this.team = platform.team(props.team).name;
    this.goldenPath = spec.goldenPath;
    this.baseline = PlatformBaseline.of(platform);
    if (!this.baseline.goldenPaths.tryGet(spec.goldenPath)) {
      throw new PavedValidationError(this, `golden path '${spec.goldenPath}' is not registered on the platform (the golden paths are ${this.baseline.goldenPaths.describeIds()}); `
        + 'declare new PlatformBaseline(platform, { goldenPaths: GOLDEN_PATHS.with(<its GoldenPath>) }) before the first service.');
    }
    this.description = props.description ?? `${spec.title} ${name}, owned by team ${this.team}.`;
    this.repository = props.repository ?? `${this.baseline.githubOrganization}/${name}`;
    this.imageTag = props.imageTag ?? '0.1.0';
    this.runbookUrl = `https://github.com/${this.repository}/blob/main/RUNBOOK.md`;
    this.queueNames = [...props.queues ?? []];
    this.bucketNames = [...props.buckets ?? []];
    this.secretNames = [...props.secrets ?? []];
    this.dependsOn = [...props.dependsOn ?? []];
    this.consumedQueues = [...props.consumes?.queues ?? []];
    this.consumedBuckets = [...props.consumes?.buckets ?? []];
    PavedValidationError.throwIfAny(this, this.propProblems(platform));

    const registry = platform.placement(name, this.baseline.registryEnvironment.name).stack;
    this.containerRepository = this.inEnvironment(undefined, () => new ContainerRepository(registry, 'Images'));
    this.containerRepository.allowPullFrom(platform.environments.map((e) => e.account));
    this.ciWorkflow = this.inEnvironment(undefined, () => new ServiceCiWorkflow(this, 'Ci', { service: this, registryStack: registry }));

    const deployments = new Map<string, ServiceDeployment>();
    const release = releaseComponent(this.containerRepository.repositoryUri, this.imageTag);
    for (const environment of platform.environments) {
      deployments.set(environment.name, this.inEnvironment(environment, () => this.deploy(platform, environment, release)));
    }
    this.deployments = deployments;

    const { catalogComponent, catalogApi } = this.inEnvironment(undefined, () => this.catalogEntities(platform, props, spec));
    this.catalogComponent = catalogComponent;
    this.catalogApi = catalogApi;
    platform.onPrepare(() => this.connect(platform));
  }

  /** The settings of `environment`: the service's, overridden by `environments[<name>]`. */
  public optionsFor(environment: Environment): ServiceEnvironmentOptions {
    const specific = this.props.environments?.[environment.name] ?? this.props.environments?.[environment.ephemeral?.from ?? ''] ?? {};
    const database = this.props.database === undefined || this.props.database === false
      ? undefined
      : { ...this.props.database === true ? {} : this.props.database, ...specific.database };
    return {
      minReplicas: specific.minReplicas ?? this.props.minReplicas,
      maxReplicas: specific.maxReplicas ?? this.props.maxReplicas,
      resources: { ...this.spec.resources, ...this.props.resources, ...specific.resources },
      env: { ...this.props.env, ...specific.env },
      database,
    };
  }

  /** The catalog Component, and the API for golden paths that publish one. */
  private catalogEntities(
    platform: Platform, props: ServiceProps, spec: GoldenPathSpec,
  ): { catalogComponent: BackstageComponent; catalogApi?: BackstageApi } {
    const catalog = platform.catalogChart();
    const name = this.name;
    const catalogComponent = new BackstageComponent(catalog, name, {
      component: name,
      repository: this.repository,
      type: spec.catalogType,
      lifecycle: props.lifecycle,
      description: this.description,
      dashboards: { Grafana: `${this.baseline.grafanaUrl}/d/${name}` },
      runbookUrl: this.runbookUrl,
      providesApis: spec.api ? [name] : undefined,
      dependsOn: [
        ...this.dependsOn.map((service) => `component:${service}`),
        ...([['queue', this.consumedQueues], ['bucket', this.consumedBuckets]] as const).flatMap(([type, refs]) => refs.map((ref) => {
          const [producer, resource] = ref.split('/');
          return `resource:${BackstageResource.entityName(producer, type, resource)}`;
        })),
      ],
      kubernetesLabels: SecureWorkload.selectorLabels(name),
      kubernetesNamespace: onlyOne(new Set(platform.environments.map((e) => e.teamNamespace(this.team)))),
    });
    if (props.database !== undefined && props.database !== false) {
      new BackstageResource(catalog, `${name}-database`, { component: catalogComponent, type: 'database' });
    }
    for (const [type, names] of [['queue', this.queueNames], ['bucket', this.bucketNames]] as const) {
      names.forEach((resource) => new BackstageResource(catalog, `${name}-${type}-${resource}`, { component: catalogComponent, type, name: resource }));
    }
    const catalogApi = spec.api && new BackstageApi(catalog, `${name}-api`, {
      provider: catalogComponent,
      type: spec.api.type,
      definitionUrl: `https://github.com/${this.repository}/blob/main/${spec.api.definitionPath}`,
      definition: spec.api.definitionFile && this.apiDefinition(spec.api.type, spec.api.definitionFile),
      lifecycle: props.lifecycle,
    });
    return { catalogComponent, catalogApi };
  }

  /** The text of the local copy of the service's API definition. */
  private apiDefinition(type: ApiType, file: ApiDefinitionFile): string {
    const read = readApiDefinitionFile(type, file);
    if ('problem' in read) {
      throw new PavedValidationError(this, read.problem);
    }
    return read.definition;
  }

  /**
   * Runs `build`; a PavedValidationError raised in one of the service's internal parts
   * (`SecureWorkload 'Workload'`) comes out naming the service (and `environment`) instead.
   */
  private inEnvironment<T>(environment: Environment | undefined, build: () => T): T {
    try {
      return build();
    } catch (error) {
      if (PavedValidationError.isPavedValidationError(error) && !error.message.startsWith(`${this.constructor.name} '${this.name}'`)) {
        throw PavedValidationError.renamed(error, {
          description: `${this.constructor.name} '${this.name}'${environment ? ` in environment '${environment.name}'` : ''}`,
          path: error.constructPath,
        });
      }
      throw error;
    }
  }

  private propProblems(platform: Platform): string[] {
    const problems: string[] = [];
    if (this.props.repository !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(this.repository)) {
      problems.push(`'repository' must be a GitHub repository as 'owner/repo' (got ${JSON.stringify(this.repository)}).`);
    }
    if (this.imageTag === '' || this.imageTag === 'latest') {
      problems.push(`'imageTag' must be an explicit version such as '1.4.2' or a commit SHA, not 'latest' or empty (got ${JSON.stringify(this.imageTag)}), so that what runs cannot change under a deployment.`);
    }
    for (const [prop, names] of [['queues', this.queueNames], ['buckets', this.bucketNames], ['secrets', this.secretNames]] as const) {
      for (const name of names) {
        const problem = checkName(`${prop}[]`, name, MAX_RESOURCE_NAME_LENGTH);
        if (problem) {
          problems.push(problem);
        }
      }
      const repeated = names.filter((n, i) => names.indexOf(n) !== i);
      if (repeated.length > 0) {
        problems.push(`'${prop}' names '${repeated[0]}' twice; each name must be unique.`);
      }
    }
    if (this.props.database !== undefined && this.props.database !== false && !this.spec.supportsDatabase) {
      problems.push(`'database': a ${this.spec.title} serves static files and has no database; move the data behind an API service (got ${JSON.stringify(this.props.database)}).`);
    }
    for (const [prop, refs] of [['consumes.queues', this.consumedQueues], ['consumes.buckets', this.consumedBuckets]] as const) {
      for (const ref of refs) {
        const [producer, name, ...rest] = ref.split('/');
        if (rest.length > 0 || !producer || !name) {
          problems.push(`'${prop}' must name another service's resource as '<service>/<name>', such as 'billing/invoices' (got ${JSON.stringify(ref)}).`);
        } else if (producer === this.name) {
          problems.push(`'${prop}' names the service's own '${name}' ('${ref}'); list it in '${prop.split('.')[1]}' instead.`);
        }
      }
      const repeated = refs.filter((n, i) => refs.indexOf(n) !== i);
      if (repeated.length > 0) {
        problems.push(`'${prop}' names '${repeated[0]}' twice; each name must be unique.`);
      }
    }
    const ownVariables = new Set([...this.queueNames.map((n) => `QUEUE_${constantCase(n)}_URL`), ...this.bucketNames.map((n) => `BUCKET_${constantCase(n)}`)]);
    for (const [prop, refs] of [['consumes.queues', this.consumedQueues], ['consumes.buckets', this.consumedBuckets]] as const) {
      for (const ref of refs) {
        const [producer, name, ...rest] = ref.split('/');
        const variable = producer && name && rest.length === 0 ? consumedVariable(prop === 'consumes.queues' ? 'queues' : 'buckets', producer, name) : undefined;
        if (variable && ownVariables.has(variable)) {
          problems.push(`'${prop}' names '${ref}', whose variable ${variable} is already that of one of the service's own ${prop.split('.')[1]}; rename that one.`);
        }
      }
    }
    if (this.dependsOn.includes(this.name)) {
      problems.push(`'dependsOn' names the service itself ('${this.name}'); list the services it calls.`);
    }
    for (const environment of platform.environments.filter((e) => !e.ephemeral)) {
      const options = this.optionsFor(environment);
      const min = options.minReplicas ?? environment.minReplicas;
      const max = options.maxReplicas ?? 3 * min;
      if (max < min) {
        const specific = this.props.environments?.[environment.name];
        const where = specific?.maxReplicas !== undefined || specific?.minReplicas !== undefined ? `environments.${environment.name}.` : '';
        problems.push(`'${where}maxReplicas' (${max}) is below 'minReplicas' (${min}) in environment '${environment.name}'; raise 'maxReplicas' to at least ${min} or lower 'minReplicas'.`);
      }
    }
    for (const name of Object.keys(this.props.environments ?? {})) {
      if (!platform.environments.some((e) => e.name === name)) {
        problems.push(`'environments' has settings for '${name}', which is not an environment; the environments are ${platform.environments.map((e) => `'${e.name}'`).join(', ')}.`);
      }
    }
    return problems;
  }

  /**
   * Creates what the service runs in `environment`.
   * @param release the kustomize component that pins the image (the same in every environment)
   */
  private deploy(platform: Platform, environment: Environment, release: string): ServiceDeployment {
    const placement = platform.placement(this.name, environment.name);
    const stack = placement.stack;
    const options = this.optionsFor(environment);
    const namespace = placement.namespace!;

    const encryptionKey = new KmsKey(stack, 'Key');
    const identity = new WorkloadIdentity(stack, 'Identity', { namespace, serviceAccountName: this.name });
    const externalSecretsRole = new ExistingRole(stack, 'ExternalSecretsAccess', {
      roleName: PlatformBaseline.externalSecretsRoleName(platform, environment),
      policyName: `${this.name}-${environment.name}-secrets`,
    });
    const database = options.database && new PostgresDatabase(stack, 'Database', { size: databaseSize(options.database.size), encryptionKey });
    const queues = new Map(this.queueNames.map((name) => [name, new Queue(stack, pascalCase(name), { encryptionKey })]));
    const buckets = new Map(this.bucketNames.map((name) => [name, new Bucket(stack, pascalCase(name), { encryptionKey })]));
    const secrets = new Map(this.secretNames.map((name) => [name, new Secret(stack, pascalCase(name), { encryptionKey })]));
    queues.forEach((queue) => {
      queue.grantSend(identity);
      queue.grantConsume(identity);
    });
    buckets.forEach((bucket) => bucket.grantReadWrite(identity));
    secrets.forEach((secret) => secret.grantRead(externalSecretsRole));

    const chart = placement.chart;
    const externalSecrets = [...secrets.entries()].map(([name, secret]) => this.externalSecret(platform, chart, name, secret.secretName));
    const env: Record<string, string> = {
      PAVED_SERVICE: this.name,
      PAVED_ENVIRONMENT: environment.name,
      AWS_REGION: environment.region,
      ...Object.fromEntries([...queues].map(([name, queue]) => [`QUEUE_${constantCase(name)}_URL`, queue.queueUrl])),
      ...Object.fromEntries([...buckets].map(([name, bucket]) => [`BUCKET_${constantCase(name)}`, bucket.bucketName])),
    };
    if (database) {
      database.grantConnect(identity);
      // The address exists only once RDS creates the instance: it reaches the pods through a
      // Secrets Manager secret (written by Terraform from the reference) and External Secrets.
      const connection = new Secret(stack, 'DatabaseConnection', { encryptionKey, description: `Where ${this.name} connects to its database` });
      new SecretsmanagerSecretVersion(connection, 'Value', {
        secretId: connection.resource.id,
        secretString: Fn.jsonencode({ DATABASE_HOST: database.endpoint }),
      });
      connection.grantRead(externalSecretsRole);
      externalSecrets.push(this.externalSecret(platform, chart, 'database', connection.secretName));
      Object.assign(env, { DATABASE_NAME: database.databaseName, DATABASE_USER: database.databaseName, DATABASE_PORT: String(database.port) });
    }

    const workload = new SecureWorkload(chart, 'Workload', {
      image: Image.fromTag(this.containerRepository.repositoryUri, this.imageTag),
      ports: this.spec.ports,
      healthCheck: this.spec.healthCheck,
      readinessCheck: this.spec.readinessCheck,
      resources: options.resources,
      autoscaling: { minReplicas: options.minReplicas, maxReplicas: options.maxReplicas },
      env: { ...env, ...options.env },
      envFromSecrets: externalSecrets,
      roleArn: identity.roleArn,
      service: this.spec.exposure !== 'none',
      ingress: this.spec.exposure === 'none' ? undefined : {
        host: this.baseline.hostFor(this.name, environment),
        routing: this.baseline.ingress,
        protocol: this.spec.exposure,
      },
      terminationGracePeriod: this.spec.terminationGracePeriod,
      writableDirectories: this.spec.writableDirectories,
      writableRootFilesystem: this.props.writableRootFilesystem,
    });
    for (const name of this.secretNames) {
      workload.deployment.podMetadata.addAnnotation(`${ROTATION_ANNOTATION_PREFIX}${name}`, String(platform.rotationGeneration(this.name, name)));
    }
    chart.addKustomizeComponent(`../../releases/${this.name}`);
    platform.addFile(`gitops/${environment.name}/releases/${this.name}/kustomization.yaml`, release);

    const monitor = this.spec.exposure === 'none'
      ? new PodMonitor(chart, 'Monitor', { workload })
      : new ServiceMonitor(chart, 'Monitor', { workload });
    return {
      environment,
      placement,
      encryptionKey,
      identity,
      database: database || undefined,
      queues,
      buckets,
      secrets,
      externalSecrets,
      workload,
      monitor,
      alerts: new SloAlerts(chart, 'Alerts', { workload, runbookUrl: this.runbookUrl }),
      dashboard: new GrafanaDashboard(chart, 'Dashboard', { workload }),
      application: new ArgoCdApplication(platform.argoCdChart(environment.name), this.name, { component: this.name }),
    };
  }

  private externalSecret(platform: Platform, chart: Construct, name: string, remoteSecret: string): ExternalSecret {
    const externalSecret = new ExternalSecret(chart, `Secret-${name}`, {
      name: platform.naming.kubernetesName(this.name, name),
      remoteSecret,
    });
    if (this.secretNames.includes(name)) {
      ApiObject.of(externalSecret.resource).metadata.addAnnotation(`${ROTATION_ANNOTATION_PREFIX}generation`, String(platform.rotationGeneration(this.name, name)));
    }
    return externalSecret;
  }

  /**
   * The producers' resources named in `consumes`, checked once every service is declared (so the
   * order of declaration does not matter).
   * @throws PavedValidationError naming the producer and the resource when one is not declared
   */
  private consumedResources(services: ReadonlyMap<string, Service>): ConsumedResource[] {
    const problems: string[] = [];
    const consumed: ConsumedResource[] = [];
    for (const [kind, refs] of [['queues', this.consumedQueues], ['buckets', this.consumedBuckets]] as const) {
      for (const ref of refs) {
        const [producerName, name] = ref.split('/');
        const producer = services.get(producerName);
        if (!producer) {
          problems.push(`'consumes.${kind}' names '${ref}', but '${producerName}' is not a service on a golden path; the services are ${[...services.keys()].map((n) => `'${n}'`).join(', ')}. Declare '${producerName}' or fix the name.`);
          continue;
        }
        const declared = kind === 'queues' ? producer.queueNames : producer.bucketNames;
        if (!declared.includes(name)) {
          const theirs = declared.length > 0 ? `its ${kind} are ${declared.map((n) => `'${n}'`).join(', ')}` : `it declares no ${kind}`;
          problems.push(`'consumes.${kind}' names '${ref}', but service '${producerName}' declares no ${kind === 'queues' ? 'queue' : 'bucket'} '${name}' (${theirs}); add '${name}' to the '${kind}' of '${producerName}', or fix the name.`);
          continue;
        }
        consumed.push({ producer, kind, name });
      }
    }
    PavedValidationError.throwIfAny(this, problems);
    return consumed;
  }

  /**
   * Once every service is declared: network policies that let this service reach the services it
   * depends on (and be reached by those that depend on it), its database, and AWS APIs; and for
   * what it consumes of other services, the grants (literal ARNs, keys by alias) and variables.
   * Consumed queues and buckets need no network rule: the pods reach SQS and S3, not the producer.
   */
  private connect(platform: Platform): void {
    const { services, callersOf } = serviceIndex(platform);
    const unknown = this.dependsOn.filter((name) => !services.has(name));
    if (unknown.length > 0) {
      throw new PavedValidationError(this, `'dependsOn' names ${unknown.map((n) => `'${n}'`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not a service on a golden path; the services are ${[...services.keys()].map((n) => `'${n}'`).join(', ')}.`);
    }
    const consumed = this.consumedResources(services);
    this.catalogComponent.consumeApis(this.dependsOn.flatMap((name) => services.get(name)!.catalogApi?.name ?? []));
    const callers = callersOf.get(this.name) ?? [];
    for (const deployment of this.deployments.values()) {
      const environment = deployment.environment;
      const container = deployment.workload.deployment.containers[0];
      for (const { producer, name, kind } of consumed) {
        const theirs = producer.deployments.get(environment.name)!;
        const variable = consumedVariable(kind, producer.name, name);
        if (kind === 'queues') {
          const queue = theirs.queues.get(name)!;
          queue.grantConsume(deployment.identity);
          container.env.addVariable(variable, EnvValue.fromValue(queue.queueUrl));
        } else {
          const bucket = theirs.buckets.get(name)!;
          bucket.grantRead(deployment.identity);
          container.env.addVariable(variable, EnvValue.fromValue(bucket.bucketName));
        }
      }
      const peer = (service: Service) => ({
        workload: service.name,
        namespace: environment.teamNamespace(service.team),
        ports: service.spec.ports.map((p) => p.port),
      });
      this.inEnvironment(environment, () => new WorkloadNetworkPolicy(deployment.placement.chart, 'NetworkPolicy', {
        workload: deployment.workload,
        allowIngressController: this.spec.exposure !== 'none',
        ingressSource: this.baseline.ingress.source,
        callers: callers.map(peer),
        dependencies: this.dependsOn.map((name) => peer(services.get(name)!)),
        awsEndpoints: [
          ...deployment.database ? [AwsEndpoint.database(deployment.database.network.cidr)] : [],
          AwsEndpoint.publicHttps('aws-apis'),
        ],
      }));
    }
  }
}

/** One resource a service consumes from another (its producer). */
interface ConsumedResource {
  readonly producer: Service;
  readonly kind: 'queues' | 'buckets';
  readonly name: string;
}

/** A platform's golden-path services by name, and for each name the services that call it, by name. */
interface ServiceIndex {
  readonly services: ReadonlyMap<string, Service>;
  readonly callersOf: ReadonlyMap<string, readonly Service[]>;
}

const serviceIndexes = new WeakMap<Platform, ServiceIndex>();

/** The platform's service index, built once (when the platform prepares, every service is declared). */
function serviceIndex(platform: Platform): ServiceIndex {
  let index = serviceIndexes.get(platform);
  if (!index) {
    const services = Service.all(platform);
    const calls = services.flatMap((caller) => [...new Set(caller.dependsOn)].map((callee) => ({ caller, callee })));
    index = {
      services: new Map(services.map((s) => [s.name, s])),
      callersOf: new Map([...groupBy(calls, (c) => c.callee)].map(([callee, list]) => [callee, list.map((c) => c.caller)])),
    };
    serviceIndexes.set(platform, index);
  }
  return index;
}

/**
 * The kustomize component that pins the service's image in one environment. Synth seeds it with
 * the declared tag; the service's CI then pins digests with `kustomize edit set image`, and the
 * platform pipeline never overwrites it.
 */
function releaseComponent(image: string, tag: string): string {
  return KUSTOMIZE_YAML.stringify({
    apiVersion: 'kustomize.config.k8s.io/v1alpha1',
    kind: 'Component',
    images: [{ name: image, newTag: tag }],
  });
}

function databaseSize(size: ServiceDatabaseSize | undefined): DatabaseSize {
  switch (size ?? 'small') {
    case 'small': return DatabaseSize.small();
    case 'medium': return DatabaseSize.medium();
    case 'large': return DatabaseSize.large();
  }
}

/** `order-events` → `OrderEvents`, for construct ids (and so AWS names). */
function pascalCase(name: string): string {
  return name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** The one value of `values`; none when there are none or several. */
function onlyOne<T>(values: ReadonlySet<T>): T | undefined {
  return values.size === 1 ? [...values][0] : undefined;
}

/** The environment variable of another service's queue (`QUEUE_BILLING_INVOICES_URL`) or bucket (`BUCKET_BILLING_EXPORTS`). */
function consumedVariable(kind: 'queues' | 'buckets', producer: string, name: string): string {
  return kind === 'queues' ? `QUEUE_${constantCase(producer)}_${constantCase(name)}_URL` : `BUCKET_${constantCase(producer)}_${constantCase(name)}`;
}

/** `order-events` → `ORDER_EVENTS`, for environment variable names. */
function constantCase(name: string): string {
  return name.replace(/-/g, '_').toUpperCase();
}
