import { tmpdir } from 'os';
import { isAbsolute, join, posix } from 'path';
import { performance } from 'perf_hooks';
import { App as KubernetesApp } from 'cdk8s';
import { App as TerraformApp } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AddedFile } from './added-file';
import { awsRegionProblem } from './aws-region';
import { DeclaredDeviation, DeviationProps, PlatformDeviationProps } from './deviation';
import { DEFAULT_ENVIRONMENTS, ENVIRONMENT_PROPS_SHAPE, Environment, EnvironmentProps } from './environment';
import { checkName } from './names';
import { Naming } from './naming';
import { PavedValidationError } from './paved-validation-error';
import { Placement } from './placement';
import { PlatformChart } from './platform-chart';
import { PlatformStack } from './platform-stack';
import { Prop, PropShape, propProblems } from './prop-checker';
import { EMPTY_RECORDED_FACTS, RecordedFacts } from './recorded-facts';
import { AccessGrantRecord, EMPTY_SELF_SERVICE_STATE, EphemeralEnvironmentRecord, SelfService } from './self-service';
import { DEFAULT_MAX_ACCESS_GRANT_DAYS, DEFAULT_MAX_ENVIRONMENT_TTL_HOURS, SelfServiceLimits } from './self-service-limits';
import { StateBackend } from './state-backend';
import { Ownership } from './tagging';
import { TEAM_PROPS_SHAPE, Team, TeamProps } from './team';
import { isDay } from '../util/is-day';
import { quoteList } from '../util/quote-list';
import { sortedBy } from '../util/sorted-by';
import { today } from '../util/today';

const PLATFORM_SYMBOL = Symbol.for('paved.Platform');

/** Longest platform name: it starts every AWS name. */
export const MAX_PLATFORM_NAME_LENGTH = 20;

/** The name of the component that holds the platform's own infrastructure. */
export const PLATFORM_COMPONENT = 'platform';

/** Names no service may take: the platform's own component and shared charts use them. */
export const RESERVED_COMPONENT_NAMES: readonly string[] = [PLATFORM_COMPONENT, 'argocd', 'catalog'];

/** The Git repository Argo CD pulls manifests from. */
export interface GitOpsRepository {
  /** Clone URL (https or ssh). */
  readonly repoUrl: string;
  /**
   * Folder of the repository that holds the `gitops/` output (one folder per environment).
   * @default - the repository root
   */
  readonly path?: string;
  /**
   * Branch, tag or commit Argo CD follows.
   * @default 'main'
   */
  readonly revision?: string;
}

/** Props of a `Platform`. */
export interface PlatformProps {
  /** Short name; it starts every AWS name and is the `part-of` label. */
  readonly name: string;
  /** The repository Argo CD pulls from. */
  readonly gitops: GitOpsRepository;
  /** The teams that own services. */
  readonly teams: readonly TeamProps[];
  /**
   * The environments services deploy to.
   * @default - `dev`, `staging` and `prod`
   */
  readonly environments?: readonly EnvironmentProps[];
  /**
   * The AWS account of every environment that does not name its own.
   * @default - none: each environment must name its account
   */
  readonly account?: string;
  /**
   * The AWS region of every environment that does not name its own.
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * Where Terraform keeps state.
   * @default - `StateBackend.s3()`: an encrypted S3 bucket per account with native locking
   */
  readonly stateBackend?: StateBackend;
  /**
   * Tags on every taggable AWS resource, besides the ownership tags.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Exceptions to guardrails that apply across services (each with a reason, owner and expiry).
   * @default - none
   */
  readonly deviations?: readonly PlatformDeviationProps[];
  /**
   * Self-service requests: ephemeral environments, access grants and secret rotations made with
   * `paved env|access|secret`, usually `SelfService.fromFile(join(__dirname, 'self-service.json'))`.
   * @default - none
   */
  readonly selfService?: SelfService;
  /**
   * Facts one stack's apply produced and other stacks read (each environment's network and
   * cluster), as `paved apply` records them: usually
   * `RecordedFacts.fromFile(join(__dirname, 'paved-facts.json'))`, committed with the platform.
   * @default - none recorded and none recordable: stacks that need facts wait, and `paved apply`
   * says to declare the file
   */
  readonly facts?: RecordedFacts;
  /**
   * How far self-service requests may reach: the longest ephemeral environment and access grant.
   * @default - environments up to 720 hours (30 days), access grants up to 30 days
   */
  readonly selfServiceLimits?: SelfServiceLimits;
  /**
   * The day (`YYYY-MM-DD`) that decides which ephemeral environments and access grants are in
   * force, and against which synth and check judge deviations.
   * @default - `$PAVED_AS_OF` when set (`paved synth --as-of` sets it), else today (UTC)
   */
  readonly asOf?: string;
}

/** The kinds of `DeviationProps`, checked at run time (apps may be plain JavaScript). */
export const DEVIATION_PROPS_SHAPE: PropShape = {
  ruleId: Prop.required(Prop.string()),
  reason: Prop.required(Prop.string()),
  owner: Prop.required(Prop.string()),
  expires: Prop.required(Prop.string()),
  environments: Prop.stringList(),
};

/** The kinds of `PlatformProps`, checked at run time (apps may be plain JavaScript). */
export const PLATFORM_PROPS_SHAPE: PropShape = {
  name: Prop.required(Prop.string()),
  gitops: Prop.required(Prop.object({ repoUrl: Prop.required(Prop.string()), path: Prop.string(), revision: Prop.string() })),
  teams: Prop.required(Prop.list(Prop.object(TEAM_PROPS_SHAPE), { named: true })),
  environments: Prop.list(Prop.object(ENVIRONMENT_PROPS_SHAPE), { named: true }),
  account: Prop.string(),
  region: Prop.string(),
  stateBackend: Prop.instance('a StateBackend such as StateBackend.s3()', isClassInstance),
  tags: Prop.record(Prop.string()),
  deviations: Prop.list(Prop.object({ ...DEVIATION_PROPS_SHAPE, services: Prop.stringList() })),
  selfService: Prop.instance("a SelfService such as SelfService.fromFile(join(__dirname, 'self-service.json'))", isClassInstance),
  facts: Prop.instance("a RecordedFacts such as RecordedFacts.fromFile(join(__dirname, 'paved-facts.json'))", isClassInstance),
  selfServiceLimits: Prop.object({
    maxEnvironmentTtlHours: Prop.number({ integer: true, min: 1 }),
    maxAccessGrantDays: Prop.number({ integer: true, min: 0 }),
  }),
  asOf: Prop.string(),
};

/** A component (a service, or the platform itself) as it is declared to the platform. */
export interface ComponentDeclaration {
  /** Unique name across the platform. */
  readonly name: string;
  /** The owning team. */
  readonly team: string;
  /**
   * The golden path the component is built from.
   * @default 'none'
   */
  readonly goldenPath?: string;
  /**
   * Exceptions to guardrails for this component (each with a reason, owner and expiry).
   * @default - none
   */
  readonly deviations?: readonly DeviationProps[];
  /**
   * The secrets the component reads, by name: the ones `paved secret rotate` may rotate.
   * @default - none
   */
  readonly secrets?: readonly string[];
}

/**
 * The platform: environments, teams, naming, and the two construct roots (a cdktf app for
 * cloud resources, a cdk8s app for Kubernetes objects) that everything declared on it lands in.
 *
 * Services are declared as its children (`new NodeApi(platform, 'checkout', {...})`). The
 * platform is a model only: `synth(platform, { outdir })` (from `paved`) writes Terraform stacks,
 * GitOps manifests, catalog entities and a report in one pass, and `check(platform)` runs the
 * guardrails without writing.
 */
export class Platform extends Construct {
  /** Whether `x` is a `Platform`, also across copies of this package. */
  public static isPlatform(x: unknown): x is Platform {
    return typeof x === 'object' && x !== null && PLATFORM_SYMBOL in x;
  }

  /** The platform that `scope` belongs to. */
  public static of(scope: IConstruct): Platform {
    const root = scope.node.root;
    if (!Platform.isPlatform(root)) {
      throw new PavedValidationError(scope, `is not declared on a Platform (its root is ${root.constructor.name} '${root.node.id}'): create it with the Platform (or a construct under one) as its scope, e.g. new NodeApi(platform, 'checkout', {...}).`);
    }
    return root;
  }

  /** Short name from `props.name`; it starts every AWS name and is the `part-of` label. */
  public readonly name: string;
  /**
   * The GitOps repository Argo CD pulls from: `props.gitops` with `path` trimmed of slashes (`''` for the root) and
   * `revision` defaulting to `'main'`.
   */
  public readonly gitops: Required<GitOpsRepository>;
  /**
   * The environments services deploy to: `props.environments` (or `dev`, `staging` and `prod`), then the ephemeral
   * environments in force on `asOf`.
   */
  public readonly environments: readonly Environment[];
  /**
   * Ephemeral environments that ended within `TEARDOWN_DAYS`: no service runs there, but their
   * stacks are synthesized empty, so that an apply destroys what they created.
   */
  public readonly retiredEnvironments: readonly Environment[];
  /** The teams that own services, from `props.teams`. */
  public readonly teams: readonly Team[];
  /** Where Terraform keeps state: `props.stateBackend`, or `StateBackend.s3()`. */
  public readonly stateBackend: StateBackend;
  /** Tags on every taggable AWS resource besides the ownership tags: `props.tags`, or none. */
  public readonly tags: Readonly<Record<string, string>>;
  /** The recorded facts the platform was given (empty when it was given none). */
  public readonly facts: RecordedFacts;
  /** The self-service requests the platform was given (empty when it was given none). */
  public readonly selfService: SelfService;
  /** How far self-service requests may reach, with the defaults resolved. */
  public readonly selfServiceLimits: Required<SelfServiceLimits>;
  /** The day, `YYYY-MM-DD`, that expiring requests and deviations are judged against. */
  public readonly asOf: string;
  /** Generates every name, and refuses two things with one name. */
  public readonly naming: Naming;
  /** The cdktf root: one stack per component and environment. */
  public readonly terraformApp: TerraformApp;
  /** The cdk8s root: one chart per component and environment, plus shared charts. */
  public readonly kubernetesApp: KubernetesApp;
  /**
   * When the platform was created, as `performance.now()`: the CLI reports the time before it as
   * loading and the time after it as constructing.
   */
  public readonly createdAtMs = performance.now();

  private readonly components = new Map<string, Required<ComponentDeclaration>>();
  private readonly teamsByName: ReadonlyMap<string, Team>;
  private readonly platformDeviations: PlatformDeviationProps[];
  private readonly placements = new Map<string, Placement>();
  private readonly files = new Map<string, string>();
  /** The added files' paths by their lower-case spelling, to refuse two that differ only in case. */
  private readonly fileCases = new Map<string, string>();
  private readonly preparations: (() => void)[] = [];
  private prepared = false;
  /** Per environment name: its platform stack, and the service stacks that run on it. */
  private readonly stacksOnEnvironment = new Map<string, { platform?: PlatformStack; services: PlatformStack[] }>();

  constructor(props: PlatformProps) {
    // Kinds first (apps may be plain JavaScript): the checks below assume them.
    const kindProblems = propProblems(props, PLATFORM_PROPS_SHAPE);
    const regionProblem = typeof props?.region === 'string' ? awsRegionProblem("'region'", props.region) : undefined;
    if (regionProblem) {
      kindProblems.push(regionProblem);
    }
    const name = typeof props?.name === 'string' ? props.name : '';
    PavedValidationError.throwIfAny({ description: `Platform '${name}'`, path: name }, kindProblems);
    super(undefined as any, props.name);
    Object.defineProperty(this, PLATFORM_SYMBOL, { value: true });
    const problems: string[] = [];
    const nameProblem = checkName('name', props.name, MAX_PLATFORM_NAME_LENGTH);
    if (nameProblem) {
      problems.push(nameProblem);
    }
    this.name = props.name;
    this.gitops = {
      repoUrl: props.gitops?.repoUrl,
      path: (props.gitops?.path ?? '').replace(/^\/+|\/+$/g, ''),
      revision: props.gitops?.revision ?? 'main',
    };
    if (typeof this.gitops.repoUrl !== 'string' || !/^(https:\/\/|ssh:\/\/|git@)\S+$/.test(this.gitops.repoUrl)) {
      problems.push(`'gitops.repoUrl' must be an https or ssh clone URL (got ${JSON.stringify(props.gitops?.repoUrl)}).`);
    }

    this.asOf = props.asOf ?? process.env.PAVED_AS_OF ?? today();
    if (!isDay(this.asOf)) {
      problems.push(`'asOf' must be a day 'YYYY-MM-DD' (got ${JSON.stringify(this.asOf)})${props.asOf === undefined ? ' from $PAVED_AS_OF' : ''}.`);
    }
    const defaults = { platform: props.name, account: props.account, region: props.region ?? 'us-east-1' };
    this.facts = props.facts ?? RecordedFacts.fromState(EMPTY_RECORDED_FACTS);
    problems.push(...this.facts.problems);
    const recorded = (environment: string) => ({ facts: this.facts.of(environment), source: this.facts.source });
    const permanent = (props.environments ?? DEFAULT_ENVIRONMENTS).map((env) => new Environment(env, defaults, problems, recorded(env?.name)));
    problems.push(...this.facts.check(permanent.map((e) => e.name)));
    if (permanent.length === 0) {
      problems.push("'environments' is empty; declare at least one, or leave it out for dev, staging and prod.");
    }
    problems.push(...duplicates('environment', permanent.map((e) => e.name)));

    this.teams = (props.teams ?? []).map((team) => new Team(team, problems));
    this.teamsByName = new Map(this.teams.map((t) => [t.name, t]));
    if (this.teams.length === 0) {
      problems.push("'teams' is empty; declare the teams that own services.");
    }
    problems.push(...duplicates('team', this.teams.map((t) => t.name)));

    this.selfService = props.selfService ?? SelfService.fromState(EMPTY_SELF_SERVICE_STATE);
    this.selfServiceLimits = {
      maxEnvironmentTtlHours: props.selfServiceLimits?.maxEnvironmentTtlHours ?? DEFAULT_MAX_ENVIRONMENT_TTL_HOURS,
      maxAccessGrantDays: props.selfServiceLimits?.maxAccessGrantDays ?? DEFAULT_MAX_ACCESS_GRANT_DAYS,
    };
    const selfServiceProblems = [
      ...this.selfService.problems,
      ...this.selfService.check(this.teams.map((t) => t.name), permanent.map((e) => e.name)),
    ];
    problems.push(...selfServiceProblems);
    // Ephemeral environments share the account, region and cluster of the one they came from.
    const ephemeral = (record: EphemeralEnvironmentRecord) => {
      const from = permanent.find((e) => e.name === record.from)!;
      return new Environment({
        name: record.name,
        tier: 'development',
        account: from.account,
        region: from.region,
        clusterName: from.clusterName,
        existing: from.existing,
        ephemeral: { from: from.name, expires: record.expires },
      }, defaults, problems, recorded(from.name));
    };
    const valid = selfServiceProblems.length === 0;
    this.environments = [...permanent, ...valid ? this.selfService.activeEnvironments(this.asOf).map(ephemeral) : []];
    this.retiredEnvironments = valid ? this.selfService.retiredEnvironments(this.asOf).map(ephemeral) : [];

    this.tags = props.tags ?? {};
    for (const [key, value] of Object.entries(this.tags)) {
      if (key.length === 0 || key.length > 128 || key.toLowerCase().startsWith('aws:') || key.startsWith('paved:')) {
        problems.push(`tag key '${key}' must be 1-128 characters and must not start with 'aws:' or 'paved:' (those are reserved).`);
      }
      if (typeof value !== 'string' || value.length > 256) {
        problems.push(`tag '${key}' must have a string value of at most 256 characters (got ${JSON.stringify(value)}).`);
      }
    }
    this.stateBackend = props.stateBackend ?? StateBackend.s3();
    this.platformDeviations = [...props.deviations ?? []];
    PavedValidationError.throwIfAny(this, problems);

    this.naming = new Naming(this);
    this.terraformApp = new TerraformApp({
      // cdktf creates this directory at construction; paved never writes there (see synth).
      outdir: join(tmpdir(), 'paved-cdktf-unused'),
      stackTraces: false,
    });
    this.kubernetesApp = new KubernetesApp();
  }

  /**
   * The environment called `name`.
   * @throws PavedValidationError when there is none, listing the ones there are
   */
  public environment(name: string): Environment {
    const found = this.environments.find((e) => e.name === name);
    if (!found) {
      throw new PavedValidationError(this, `unknown environment '${name}'; the environments are ${quoteList(this.environments.map((e) => e.name))}.`);
    }
    return found;
  }

  /**
   * The team called `name`.
   * @throws PavedValidationError when there is none, listing the teams there are
   */
  public team(name: string): Team {
    const found = this.teamsByName.get(name);
    if (!found) {
      throw new PavedValidationError(this, `unknown team '${name}'; the teams are ${quoteList(this.teams.map((t) => t.name))}. Add it to the platform's 'teams' or use one of those.`);
    }
    return found;
  }

  /**
   * Registers a component so that it gets placements.
   * @throws PavedValidationError when the name is taken or the team is unknown
   */
  public declareComponent(declaration: ComponentDeclaration): void {
    if (RESERVED_COMPONENT_NAMES.includes(declaration.name)) {
      throw new PavedValidationError(this, `the service name '${declaration.name}' is reserved for the platform (reserved: ${quoteList(RESERVED_COMPONENT_NAMES)}); choose another name.`);
    }
    if (this.components.has(declaration.name)) {
      throw new PavedValidationError(this, `a service called '${declaration.name}' is declared twice; service names must be unique across the platform. Rename one of them.`);
    }
    this.team(declaration.team);
    this.components.set(declaration.name, { goldenPath: 'none', deviations: [], secrets: [], ...declaration });
  }

  /**
   * Adds a deviation to a declared component (or to `platform`), as constructs do when a prop
   * leaves a secure default.
   */
  public addDeviation(component: string, deviation: DeviationProps): void {
    if (component === PLATFORM_COMPONENT) {
      this.platformDeviations.push({ ...deviation, services: [PLATFORM_COMPONENT] });
      return;
    }
    const declaration = this.components.get(component);
    if (!declaration) {
      throw new PavedValidationError(this, `no component called '${component}' is declared; declare it with declareComponent() first.`);
    }
    this.components.set(component, { ...declaration, deviations: [...declaration.deviations, deviation] });
  }

  /** Every declared deviation, the platform's first, then each component's. */
  public get deviations(): readonly DeclaredDeviation[] {
    return [
      ...this.platformDeviations.map((d) => ({ ...d, declaredBy: PLATFORM_COMPONENT })),
      ...this.declaredComponents.flatMap((c) => c.deviations.map((d) => ({ ...d, declaredBy: c.name }))),
    ];
  }

  /** Every declared component, by name. */
  public get declaredComponents(): readonly Required<ComponentDeclaration>[] {
    return sortedBy(this.components.values(), (c) => c.name);
  }

  /** The component declared as `name`, if there is one. */
  public declaredComponent(name: string): Required<ComponentDeclaration> | undefined {
    return this.components.get(name);
  }

  /**
   * Where `component` lives in `environment`: its stack and chart.
   * @param component a declared component, or `platform` for the platform's own resources
   */
  public placement(component: string, environment: string): Placement {
    const env = this.environment(environment);
    const key = `${component}/${env.name}`;
    const existing = this.placements.get(key);
    if (existing) {
      return existing;
    }
    const declaration = this.components.get(component);
    if (!declaration && component !== PLATFORM_COMPONENT) {
      throw new PavedValidationError(this, `no component called '${component}' is declared; declare it with declareComponent() first.`);
    }
    const placement = new Placement({
      platform: this,
      path: this.naming.stackId(component, env.name),
      environment: env,
      ownership: declaration ? this.componentOwnership(declaration, env.name) : this.platformOwnership(env.name),
      namespace: declaration ? env.teamNamespace(declaration.team) : undefined,
      onStackCreated: (stack) => this.linkStack(stack),
    });
    this.placements.set(key, placement);
    return placement;
  }

  /**
   * Runs `callback` once, when everything is declared and before anything is rendered: for parts
   * that depend on the whole platform (a service's network policy lists the services that call it,
   * whichever was declared first).
   */
  public onPrepare(callback: () => void): void {
    if (this.prepared) {
      throw new PavedValidationError(this, 'onPrepare() after the platform was prepared (synth or check ran); declare everything before synth or check.');
    }
    this.preparations.push(callback);
  }

  /**
   * Runs the `onPrepare` callbacks, once, and adds the empty stacks of retired environments;
   * synth and check call it before rendering.
   */
  public prepare(): void {
    if (!this.prepared) {
      this.prepared = true;
      this.preparations.forEach((callback) => callback());
      for (const environment of this.retiredEnvironments) {
        for (const component of this.declaredComponents) {
          new PlatformStack(this, this.naming.stackId(component.name, environment.name), {
            environment,
            ownership: this.componentOwnership(component, environment.name),
          });
        }
      }
    }
  }

  /**
   * Adds a file to the synth output that is neither a stack nor a manifest (a CI workflow, a
   * kustomize component), at `path` relative to the output directory.
   *
   * The file is an artifact like any other: synth refuses it when it takes the path of a file
   * the platform writes, and the guardrails check what it holds (objects under `gitops/` and
   * `catalog/`, kustomizations) or fail closed on what they cannot check (`PAVED-PLT-FILE-001`).
   * @throws PavedValidationError when another file already has that path, or when the path is
   * not a plain relative path inside the output directory
   */
  public addFile(path: string, content: string): void {
    const normalized = typeof path === 'string' ? posix.normalize(path) : '';
    if (typeof path !== 'string' || path === '' || path.includes('\\') || isAbsolute(path) || posix.isAbsolute(path)
      || normalized !== path || normalized === '..' || normalized.startsWith('../') || path.endsWith('/')) {
      throw new PavedValidationError(this, `addFile 'path' must be a normalized path relative to the output directory, without '.', '..', '\\' or a trailing '/' (got ${JSON.stringify(path)} of type ${typeof path}); write it as ${JSON.stringify(normalized.replace(/^(\.\.\/)+/, '').replace(/\/$/, ''))}.`);
    }
    const clash = this.fileCases.get(path.toLowerCase());
    if (clash !== undefined) {
      throw new PavedValidationError(this, `two files would be written to ${path}${clash === path ? '' : ` and ${clash} (the same file on a case-insensitive file system)`}; give one of them another name.`);
    }
    this.files.set(path, content);
    this.fileCases.set(path.toLowerCase(), path);
  }

  /** The files added with `addFile`, sorted by path. */
  public get additionalFiles(): readonly AddedFile[] {
    return sortedBy(this.files.entries(), ([path]) => path).map(([path, content]) => ({ path, content }));
  }

  /**
   * The chart of Argo CD objects (AppProjects, Applications, the root app) of `environment`,
   * written to `gitops/<environment>/argocd/`, in the `argocd` namespace.
   */
  public argoCdChart(environment: string): PlatformChart {
    const env = this.environment(environment);
    const id = `argocd-${env.name}`;
    return this.sharedChart(id, () => new PlatformChart(this, id, {
      environment: env,
      outputDirectory: `gitops/${env.name}/argocd`,
      namespace: 'argocd',
      ownership: this.platformOwnership(env.name),
    }));
  }

  /** The chart of Backstage entities, written to `catalog/`. */
  public catalogChart(): PlatformChart {
    return this.sharedChart('catalog', () => new PlatformChart(this, 'catalog', {
      outputDirectory: 'catalog',
      kustomization: false,
    }));
  }

  /**
   * The access grants in force for `team` in `environment` (expired ones are dropped, and listed
   * in the report). A tenancy or golden-path construct binds each grant's `group` to the
   * Kubernetes ClusterRole named by its `role` (`view` or `edit`) in
   * `environment.teamNamespace(team)`.
   */
  public accessGrants(team: string, environment: string): AccessGrantRecord[] {
    return this.selfService.accessGrants(this.asOf).active.filter((g) => g.team === team && g.environment === environment);
  }

  /**
   * How many times `secret` of `service` has been rotated with `paved secret rotate` (0 before
   * the first time). Put it into the configuration of what holds the secret, so a rotation is a
   * change to the output: the ExternalSecret as an annotation
   * (`paved.dev/rotation-generation`) so that External Secrets re-syncs, and the Secrets Manager
   * rotation so that it rotates now (for example in the rotation schedule's description).
   */
  public rotationGeneration(service: string, secret: string): number {
    return this.selfService.rotationGeneration(service, secret);
  }

  /**
   * The day synth and check judge deviations against: the platform's `asOf`. A different day
   * would judge the self-service requests and the deviations differently, so it is refused.
   * @internal
   */
  public judgementDay(asOf: string | undefined): string {
    const judgesRequests = this.selfService.state.environments.length + this.selfService.state.accessGrants.length > 0;
    if (asOf !== undefined && asOf !== this.asOf && judgesRequests) {
      throw new PavedValidationError(this, `'asOf' ${asOf} differs from the platform's 'asOf' ${this.asOf}, which decided which ephemeral environments and access grants are in force; give the day to the Platform ('asOf' prop, or $PAVED_AS_OF) instead.`);
    }
    return asOf ?? this.asOf;
  }

  /** Ownership of what `component` runs in `environment`. */
  private componentOwnership(component: Required<ComponentDeclaration>, environment: string): Ownership {
    return { platform: this.name, environment, team: component.team, service: component.name, goldenPath: component.goldenPath };
  }

  /** Ownership of what the platform itself runs in `environment`. */
  private platformOwnership(environment: string): Ownership {
    return { platform: this.name, environment, team: PLATFORM_COMPONENT, service: PLATFORM_COMPONENT, goldenPath: 'none' };
  }

  /**
   * Makes each service stack depend on the platform stack of its environment and, in an
   * ephemeral environment, on that of the environment it came from, whichever is created first.
   */
  private linkStack(stack: PlatformStack): void {
    const isPlatform = stack.ownership.service === PLATFORM_COMPONENT;
    const hosts = isPlatform ? [stack.environment.name] : [stack.environment.name, stack.environment.ephemeral?.from];
    for (const host of hosts.filter((h): h is string => h !== undefined)) {
      let entry = this.stacksOnEnvironment.get(host);
      if (!entry) {
        entry = { services: [] };
        this.stacksOnEnvironment.set(host, entry);
      }
      if (isPlatform) {
        entry.platform = stack;
        entry.services.forEach((service) => service.addDependency(stack));
      } else {
        entry.services.push(stack);
        if (entry.platform) {
          stack.addDependency(entry.platform);
        }
      }
    }
  }

  private sharedChart(id: string, create: () => PlatformChart): PlatformChart {
    const existing = this.kubernetesApp.node.tryFindChild(id);
    return existing ? existing as PlatformChart : create();
  }
}

function duplicates(what: string, names: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set(names.filter((name) => seen.size === seen.add(name).size));
  return [...repeated].map((name) => `${what} '${name}' is declared twice; names must be unique.`);
}

/** Whether `value` is an object made by a class (not a plain object, list or primitive). */
function isClassInstance(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype;
}
