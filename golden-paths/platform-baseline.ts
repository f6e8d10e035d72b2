import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import { GoldenPathRegistry } from './golden-path-registry';
import { PlatformDeployPolicyProps, platformDeployBoundaryStatements, platformDeployStatements } from './platform-deploy-policy';
import { GOLDEN_PATHS } from './registry';
import { templateDeclarationSkeleton } from './service-declaration';
import { ClusterAddOns, ClusterAddOnsOptions } from '../constructs/addons/cluster-add-ons';
import { ArgoCdApplication } from '../constructs/argocd/argo-cd-application';
import { ArgoCdProject } from '../constructs/argocd/argo-cd-project';
import { RootApplication, rootApplicationManifest } from '../constructs/argocd/root-application';
import { AccessLogBucket } from '../constructs/aws/access-log-bucket';
import { arnOf } from '../constructs/aws/arn';
import { ClusterBootstrap } from '../constructs/aws/cluster-bootstrap';
import { EksCluster, IEksCluster } from '../constructs/aws/eks-cluster';
import { Network } from '../constructs/aws/network';
import { PermissionsBoundary } from '../constructs/aws/permissions-boundary';
import { PolicyDocument } from '../constructs/aws/policy-document';
import { PolicyStatement } from '../constructs/aws/policy-statement';
import { PublicHostedZone } from '../constructs/aws/public-hosted-zone';
import { Role } from '../constructs/aws/role';
import { StateBucket } from '../constructs/aws/state-bucket';
import { WorkloadIdentity } from '../constructs/aws/workload-identity';
import { ZoneCertificate } from '../constructs/aws/zone-certificate';
import { BackstageGroup } from '../constructs/backstage/backstage-group';
import { BackstageLocation } from '../constructs/backstage/backstage-location';
import { BackstageSystem } from '../constructs/backstage/backstage-system';
import { BackstageTemplate } from '../constructs/backstage/backstage-template';
import { IngressRouting } from '../constructs/kubernetes/ingress-routing';
import { SecretsManagerStore } from '../constructs/kubernetes/secrets-manager-store';
import { TeamTenancy } from '../constructs/kubernetes/team-tenancy';
import { Environment } from '../src/platform/environment';
import { GITHUB_ACTIONS_OIDC_HOST, deployRoleName } from '../src/platform/github-actions';
import { PavedInternalError } from '../src/platform/paved-internal-error';
import { PavedValidationError } from '../src/platform/paved-validation-error';
import { PLATFORM_COMPONENT, Platform } from '../src/platform/platform';
import { PlatformStack } from '../src/platform/platform-stack';
import { Prop, PropShape, propProblems } from '../src/platform/prop-checker';
import { StateBackend } from '../src/platform/state-backend';
import { sortedBy } from '../src/util/sorted-by';

/** The namespace and service account of the External Secrets Operator. */
export const EXTERNAL_SECRETS_SERVICE_ACCOUNT = { namespace: 'external-secrets', name: 'external-secrets' } as const;

/** Props of a `PlatformBaseline`. */
export interface PlatformBaselineProps {
  /**
   * The team that runs the platform and owns the golden-path templates.
   * @default - the first team declared on the platform
   */
  readonly platformTeam?: string;
  /**
   * The GitHub organization of the platform and service repositories.
   * @default - the platform's name
   */
  readonly githubOrganization?: string;
  /**
   * The repository (`owner/repo`) where services are declared; templates open pull requests there.
   * @default `<githubOrganization>/<platform>-platform`
   */
  readonly platformRepository?: string;
  /**
   * The DNS domain services are published under: `<service>.<environment>.<domain>`, and
   * `<service>.<domain>` in production.
   * @default `<platform>.internal`
   */
  readonly domain?: string;
  /**
   * How Ingresses reach the services: the controller's IngressClass, annotations and where its
   * traffic comes from. Golden paths read it; switch controllers here, with
   * `IngressRouting.controller({ ... })`.
   * @default IngressRouting.awsLoadBalancer() - the AWS Load Balancer Controller, one internet-facing ALB per environment
   */
  readonly ingress?: IngressRouting;
  /**
   * Whether each environment's platform stack creates the network and the EKS cluster (true), or
   * adopts existing ones known by the environment's recorded facts (false).
   * @default true
   */
  readonly manageInfrastructure?: boolean;
  /**
   * Whether each environment gets the Argo CD bootstrap stack `argocd-<environment>`.
   * @default true
   */
  readonly argoCdBootstrap?: boolean;
  /**
   * IAM principals given cluster admin through EKS access entries.
   * @default - none besides the identity that creates the cluster
   */
  readonly clusterAdministratorArns?: readonly string[];
  /**
   * The environment whose account holds the services' container registries and the GitHub OIDC
   * provider their CI pushes through.
   * @default - the first production environment, else the last environment
   */
  readonly registryEnvironment?: string;
  /**
   * The Grafana that hosts service dashboards.
   * @default `https://grafana.<domain>`
   */
  readonly grafanaUrl?: string;
  /**
   * The golden paths the platform offers: the catalog gets a Template for each, `paved new`
   * scaffolds them, and a service's golden path must be one of them. Add a platform team's own
   * with `GOLDEN_PATHS.with(...)`.
   * @default GOLDEN_PATHS - paved's own golden paths
   */
  readonly goldenPaths?: GoldenPathRegistry;
  /**
   * The cluster add-ons of every environment (Argo CD, External Secrets, kube-prometheus-stack,
   * AWS Load Balancer Controller, external-dns, metrics-server; cert-manager opt-in): turn one off
   * with `false`, change its chart version and values, or bring your own charts (`custom`).
   * @default - paved's add-ons with paved's charts and values; no cert-manager
   */
  readonly addOns?: ClusterAddOnsOptions;
}

const ADD_ON_KIND = Prop.union([
  Prop.instance('false', (v) => v === false),
  Prop.object({ version: Prop.string({ nonEmpty: true }), values: Prop.instance('an object of Helm values', isPlainObject) }),
], "false, or an object with 'version' or 'values'");

/** The kinds of `PlatformBaselineProps`, checked at run time (apps may be plain JavaScript). */
export const PLATFORM_BASELINE_PROPS_SHAPE: PropShape = {
  platformTeam: Prop.string(),
  githubOrganization: Prop.string(),
  platformRepository: Prop.string(),
  domain: Prop.string(),
  ingress: Prop.instance('an IngressRouting such as IngressRouting.awsLoadBalancer()', (v) => IngressRouting.isIngressRouting(v)),
  manageInfrastructure: Prop.boolean(),
  argoCdBootstrap: Prop.boolean(),
  clusterAdministratorArns: Prop.stringList(),
  registryEnvironment: Prop.string(),
  grafanaUrl: Prop.string(),
  goldenPaths: Prop.instance('a GoldenPathRegistry such as GOLDEN_PATHS.with(...)', (v) => GoldenPathRegistry.isGoldenPathRegistry(v)),
  addOns: Prop.object({
    argoCd: ADD_ON_KIND,
    externalSecrets: ADD_ON_KIND,
    kubePrometheusStack: ADD_ON_KIND,
    awsLoadBalancerController: ADD_ON_KIND,
    externalDns: ADD_ON_KIND,
    metricsServer: ADD_ON_KIND,
    certManager: Prop.union([Prop.boolean(), ADD_ON_KIND], "true, false, or an object with 'version' or 'values'"),
    custom: Prop.list(Prop.object({
      name: Prop.string({ nonEmpty: true }),
      repoURL: Prop.string({ nonEmpty: true }),
      chart: Prop.string({ nonEmpty: true }),
      version: Prop.string({ nonEmpty: true }),
      namespace: Prop.string({ nonEmpty: true }),
      releaseName: Prop.string({ nonEmpty: true }),
      values: Prop.instance('an object of Helm values', isPlainObject),
      provides: Prop.instance('ClusterCapabilities (an object)', isPlainObject),
      otherNamespaces: Prop.stringList(),
      clusterResourceKinds: Prop.list(Prop.object({ group: Prop.string(), kind: Prop.string({ nonEmpty: true }) })),
    }), { named: true }),
  }),
};

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The component part of a state bootstrap stack's id: `bootstrap-<environment>`. */
export const STATE_BOOTSTRAP_COMPONENT = 'bootstrap';

/**
 * What every environment of a platform needs before any service: the network and cluster (or the
 * adopted ones), the access-log bucket, the External Secrets identity, the Argo CD bootstrap;
 * each team's tenancy, AppProject and catalog Group; the secret store, the platform Application
 * and the root app-of-apps; Systems, golden-path templates and the catalog Location.
 *
 * Services create it on first use with its defaults (`PlatformBaseline.of`); declare it yourself,
 * before any service, to set its props.
 */
export class PlatformBaseline extends Construct {
  /** The platform's baseline, created with defaults if the platform has none yet. */
  public static of(platform: Platform): PlatformBaseline {
    return (platform.node.tryFindChild(BASELINE_ID) as PlatformBaseline | undefined) ?? new PlatformBaseline(platform);
  }

  /**
   * The name of the External Secrets role of `environment`'s cluster, which service stacks grant
   * their secrets to (an ephemeral environment uses that of the environment it came from).
   */
  public static externalSecretsRoleName(platform: Platform, environment: Environment): string {
    return platform.naming.awsName('iam-role', environment.ephemeral?.from ?? environment.name, PLATFORM_COMPONENT, 'external-secrets');
  }

  /**
   * The golden paths of `platform`: those of its baseline, or paved's own (`GOLDEN_PATHS`) when it
   * has no baseline yet.
   */
  public static goldenPathsOf(platform: Platform): GoldenPathRegistry {
    return (platform.node.tryFindChild(BASELINE_ID) as PlatformBaseline | undefined)?.goldenPaths ?? GOLDEN_PATHS;
  }

  /** The name of the team that runs the platform and owns the golden-path templates: `props.platformTeam`, or the first team declared. */
  public readonly platformTeam: string;
  /** The GitHub organization of the platform and service repositories: `props.githubOrganization`, or the platform's name. */
  public readonly githubOrganization: string;
  /** The repository (`owner/repo`) where services are declared: `props.platformRepository`, or `<githubOrganization>/<platform>-platform`. */
  public readonly platformRepository: string;
  /** The DNS domain services are published under: `props.domain`, or `<platform>.internal`. */
  public readonly domain: string;
  /** How Ingresses reach the services: `props.ingress`, or `IngressRouting.awsLoadBalancer()`. */
  public readonly ingress: IngressRouting;
  /** Each permanent environment's public hosted zone (`zoneFor`), by environment name. */
  public readonly dnsZones: ReadonlyMap<string, PublicHostedZone>;
  /** Each permanent environment's certificate for every host of its zone, by environment name. */
  public readonly certificates: ReadonlyMap<string, ZoneCertificate>;
  /**
   * Whether each environment's platform stack creates the network and the EKS cluster (else adopts the recorded ones):
   * `props.manageInfrastructure`, or true.
   */
  public readonly manageInfrastructure: boolean;
  /** Whether each environment gets the Argo CD bootstrap stack `argocd-<environment>`: `props.argoCdBootstrap`, or true. */
  public readonly argoCdBootstrap: boolean;
  /**
   * The environment whose account holds the container registries and the GitHub OIDC provider:
   * `props.registryEnvironment`, or the first production environment, else the last one.
   */
  public readonly registryEnvironment: Environment;
  /** The Grafana that hosts service dashboards: `props.grafanaUrl`, or `https://grafana.<domain>`. */
  public readonly grafanaUrl: string;
  /** The golden paths the platform offers. */
  public readonly goldenPaths: GoldenPathRegistry;
  /** The platform each environment's parts belong to. */
  public readonly platform: Platform;
  /** Each environment's cluster, created or adopted. */
  public readonly clusters: ReadonlyMap<string, IEksCluster>;
  /** The cluster add-ons of each permanent environment, by environment name (ephemeral ones share their origin's cluster). */
  public readonly addOns: ReadonlyMap<string, ClusterAddOns>;
  /** GitHub Actions' OIDC provider in each account, by account id (one per account). */
  public readonly githubOidcProviders: ReadonlyMap<string, IamOpenidConnectProvider>;
  /** The role the platform pipeline applies with, in each account, by account id. */
  public readonly deployRoles: ReadonlyMap<string, Role>;
  /** The boundary every role of the platform carries, in each account, by account id. */
  public readonly permissionsBoundaries: ReadonlyMap<string, PermissionsBoundary>;
  /**
   * The state bootstrap stack `bootstrap-<environment>` of each state bucket, by bucket name:
   * one per bucket (so one per account with the default `StateBackend.s3()`), in the first
   * environment whose state it keeps, with a local state; none when the state is not in S3.
   */
  public readonly stateBootstraps: ReadonlyMap<string, PlatformStack>;

  constructor(platform: Platform, props: PlatformBaselineProps = {}) {
    if (!Platform.isPlatform(platform)) {
      throw new PavedValidationError({ description: 'PlatformBaseline', path: BASELINE_ID }, 'the first argument must be the Platform; declare it as new PlatformBaseline(platform, { ... }).');
    }
    PavedValidationError.throwIfAny({ description: 'PlatformBaseline', path: `${platform.node.path}/${BASELINE_ID}` }, propProblems(props, PLATFORM_BASELINE_PROPS_SHAPE));
    if (platform.node.tryFindChild(BASELINE_ID)) {
      throw new PavedValidationError(platform, 'the platform already has a baseline: declare PlatformBaseline once, before any service (services create one with defaults).');
    }
    super(platform, BASELINE_ID);
    this.platform = platform;
    this.platformTeam = platform.team(props.platformTeam ?? platform.teams[0].name).name;
    this.githubOrganization = props.githubOrganization ?? platform.name;
    this.platformRepository = props.platformRepository ?? `${this.githubOrganization}/${platform.name}-platform`;
    this.domain = props.domain ?? `${platform.name}.internal`;
    this.ingress = props.ingress ?? IngressRouting.awsLoadBalancer();
    PavedValidationError.throwIfAny(this, this.ingress.problems.map((p) => `'ingress': ${p}`));
    this.manageInfrastructure = props.manageInfrastructure ?? true;
    this.argoCdBootstrap = props.argoCdBootstrap ?? true;
    this.grafanaUrl = props.grafanaUrl ?? `https://grafana.${this.domain}`;
    this.goldenPaths = props.goldenPaths ?? GOLDEN_PATHS;
    this.registryEnvironment = props.registryEnvironment !== undefined
      ? platform.environment(props.registryEnvironment)
      : platform.environments.find((e) => e.isProduction) ?? platform.environments[platform.environments.length - 1];

    this.stateBootstraps = this.addStateBootstraps();

    // Each account's boundary comes first: the roles of its platform stack refer to it.
    const permanent = platform.environments.filter((e) => !e.ephemeral);
    const accounts = [...new Set(permanent.map((e) => e.account))];
    const boundaries = new Map<string, PermissionsBoundary>();
    for (const account of accounts) {
      const inAccount = permanent.filter((e) => e.account === account);
      const stack = platform.placement(PLATFORM_COMPONENT, inAccount[0].name).stack;
      boundaries.set(account, new PermissionsBoundary(stack, { regions: [...new Set(inAccount.map((e) => e.region))] }));
    }
    this.permissionsBoundaries = boundaries;

    const clusters = new Map<string, IEksCluster>();
    const addOns = new Map<string, ClusterAddOns>();
    const zones = new Map<string, PublicHostedZone>();
    const certificates = new Map<string, ZoneCertificate>();
    for (const environment of permanent) {
      const added = this.addEnvironment(environment, props);
      clusters.set(environment.name, added.cluster);
      addOns.set(environment.name, added.addOns);
      const stack = platform.placement(PLATFORM_COMPONENT, environment.name).stack;
      const zone = new PublicHostedZone(stack, 'DnsZone', { zoneName: this.zoneFor(environment) });
      zones.set(environment.name, zone);
      certificates.set(environment.name, new ZoneCertificate(stack, 'Certificate', { zone }));
    }
    this.addOns = addOns;
    this.dnsZones = zones;
    this.certificates = certificates;
    for (const environment of platform.environments.filter((e) => e.ephemeral)) {
      clusters.set(environment.name, clusters.get(environment.ephemeral!.from)!);
      this.addTenancy(environment);
      new ArgoCdApplication(platform.argoCdChart(environment.name), 'Platform', { component: PLATFORM_COMPONENT, project: 'default' });
    }
    this.clusters = clusters;
    const providers = new Map<string, IamOpenidConnectProvider>();
    const deployRoles = new Map<string, Role>();
    for (const account of accounts) {
      const inAccount = permanent.filter((e) => e.account === account);
      const stack = platform.placement(PLATFORM_COMPONENT, inAccount[0].name).stack;
      providers.set(account, new IamOpenidConnectProvider(stack, 'GitHubActions', {
        url: `https://${GITHUB_ACTIONS_OIDC_HOST}`,
        clientIdList: ['sts.amazonaws.com'],
      }));
      deployRoles.set(account, this.addDeployRole(stack, inAccount, boundaries.get(account)!));
    }
    this.githubOidcProviders = providers;
    this.deployRoles = deployRoles;
    this.addCatalog();
  }

  /**
   * The role the platform pipeline applies with in the account of `inAccount`: trusted by the
   * platform repository's workflows of those environments only, allowed what the platform's
   * stacks create and nothing else (`platformDeployStatements`), capped by a boundary of its own,
   * and able to create roles only with the platform's `boundary`.
   */
  private addDeployRole(stack: PlatformStack, inAccount: readonly Environment[], boundary: PermissionsBoundary): Role {
    const platform = this.platform;
    const account = inAccount[0].account;
    const roleName = deployRoleName(platform);
    const deployBoundaryName = `${roleName}-boundary`;
    const statementProps: PlatformDeployPolicyProps = {
      platform: platform.name,
      account,
      regions: boundary.regions,
      boundaryArn: boundary.policyArn,
      deployRoleArn: arnOf(inAccount[0], 'iam', `role/${roleName}`, 'account'),
      deployBoundaryArn: arnOf(inAccount[0], 'iam', `policy/${deployBoundaryName}`, 'account'),
      zones: inAccount.map((e) => this.zoneFor(e)),
      stateBuckets: inAccount.flatMap((e) => {
        const state = platform.stateBackend.stateBucket(platform.name, e);
        return state ? [{ bucket: state.bucket, keyPrefix: `${platform.name}/${e.name}/` }] : [];
      }),
    };
    const statements = platformDeployStatements(statementProps);
    const size = new PolicyDocument(statements).toJson().replace(/\s/g, '').length;
    if (size > ROLE_INLINE_POLICY_LIMIT) {
      throw new PavedValidationError(this, `the deploy policy of account ${account} would be ${size} characters, above IAM's limit of ${ROLE_INLINE_POLICY_LIMIT} `
        + `for a role's inline policies (regions ${JSON.stringify(boundary.regions)}); keep one region per account.`);
    }
    const deployBoundary = new IamPolicy(stack, 'DeployRoleBoundary', {
      name: deployBoundaryName,
      description: `The most the ${platform.name} platform's deploy role may do, whatever policies it is given.`,
      policy: new PolicyDocument(platformDeployBoundaryStatements(statementProps)).toLazyJson(),
    });
    const role = new Role(stack, 'DeployRole', {
      roleName,
      permissionsBoundaryArn: deployBoundary.arn,
      trustStatements: [new PolicyStatement({
        sid: 'AssumeFromPlatformPipeline',
        principal: { Federated: [`arn:aws:iam::${account}:oidc-provider/${GITHUB_ACTIONS_OIDC_HOST}`] },
        actions: ['sts:AssumeRoleWithWebIdentity'],
        conditions: {
          StringEquals: {
            [`${GITHUB_ACTIONS_OIDC_HOST}:sub`]: inAccount.map((e) => `repo:${this.platformRepository}:environment:${e.name}`),
            [`${GITHUB_ACTIONS_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
          },
        },
      })],
    });
    statements.forEach((statement) => role.addToPolicy(statement));
    return role;
  }

  /**
   * One stack per state bucket, `bootstrap-<environment>` in the first (permanent) environment
   * whose state the bucket keeps, that creates the bucket (`StateBucket`). Its own state is local
   * (`StateBackend.local()`: `.paved-state/<environment>/bootstrap-<environment>.tfstate` beside
   * the synth output), because the bucket does not exist before it is applied. No other stack
   * depends on it: it is applied once per account, by `paved bootstrap`, before anything else.
   */
  private addStateBootstraps(): Map<string, PlatformStack> {
    const platform = this.platform;
    const byBucket = new Map<string, Environment[]>();
    const ordered = [...platform.environments.filter((e) => !e.ephemeral), ...platform.environments.filter((e) => e.ephemeral)];
    for (const environment of ordered) {
      const state = platform.stateBackend.stateBucket(platform.name, environment);
      if (state) {
        byBucket.set(state.bucket, [...byBucket.get(state.bucket) ?? [], environment]);
      }
    }
    const stacks = new Map<string, PlatformStack>();
    for (const [bucket, environments] of byBucket) {
      const environment = environments[0];
      const placement = platform.placement(PLATFORM_COMPONENT, environment.name);
      const stack = new PlatformStack(platform, platform.naming.stackId(STATE_BOOTSTRAP_COMPONENT, environment.name), {
        environment,
        ownership: placement.ownership,
        stateBackend: StateBackend.local(),
        bootstrapsStateOf: environments.map((e) => e.name),
      });
      new StateBucket(stack, 'StateBucket', { bucketName: bucket });
      stacks.set(bucket, stack);
    }
    return stacks;
  }

  /**
   * The host a service is published under in `environment`: `<service>.<zoneFor(environment)>`;
   * in an ephemeral environment `<service>--<environment>.<zone>`, one label under the zone of the
   * environment it came from, so that the zone's wildcard certificate covers it (`--` appears in
   * no service or environment name, so it cannot meet a permanent host).
   */
  public hostFor(service: string, environment: Environment): string {
    const label = environment.ephemeral ? `${service}--${environment.name}` : service;
    return `${label}.${this.zoneFor(environment)}`;
  }

  /**
   * The DNS zone of `environment`'s hosts: `<environment>.<domain>`, and `<domain>` in production.
   * Each permanent environment's platform stack holds it as a public hosted zone (`dnsZones`)
   * with a certificate for `*.<zone>` and `<zone>`; an ephemeral environment uses the zone of the
   * environment it came from.
   */
  public zoneFor(environment: Environment): string {
    const permanent = environment.ephemeral ? this.platform.environment(environment.ephemeral.from) : environment;
    return permanent.isProduction ? this.domain : `${permanent.name}.${this.domain}`;
  }

  private addEnvironment(environment: Environment, props: PlatformBaselineProps): { cluster: IEksCluster; addOns: ClusterAddOns } {
    const platform = this.platform;
    const placement = platform.placement(PLATFORM_COMPONENT, environment.name);
    const stack = placement.stack;
    let cluster: IEksCluster;
    if (this.manageInfrastructure) {
      const network = new Network(stack, 'Network');
      cluster = new EksCluster(stack, 'Cluster', { network, administratorArns: props.clusterAdministratorArns });
    } else {
      cluster = EksCluster.fromEnvironment(stack, 'Cluster');
    }
    new AccessLogBucket(stack, 'AccessLogs');
    const externalSecrets = new WorkloadIdentity(stack, 'ExternalSecrets', {
      namespace: EXTERNAL_SECRETS_SERVICE_ACCOUNT.namespace,
      serviceAccountName: EXTERNAL_SECRETS_SERVICE_ACCOUNT.name,
      cluster,
    });
    if (externalSecrets.roleName !== PlatformBaseline.externalSecretsRoleName(platform, environment)) {
      throw new PavedInternalError(`External Secrets role name ${externalSecrets.roleName} differs from PlatformBaseline.externalSecretsRoleName, the one service stacks grant to; both are formed from the same names.`);
    }
    // Ephemeral environments made from this one share its cluster, its secret store and its Argo CD.
    const onCluster = platform.environments.filter((e) => e === environment || e.ephemeral?.from === environment.name);
    this.addTenancy(environment);
    new SecretsManagerStore(placement.chart, 'SecretStore', {
      serviceAccount: EXTERNAL_SECRETS_SERVICE_ACCOUNT,
      namespaces: onCluster.flatMap((e) => platform.teams.map((t) => e.teamNamespace(t.name))),
    });
    const argoCd = platform.argoCdChart(environment.name);
    const addOns = new ClusterAddOns(argoCd, 'AddOns', {
      ...props.addOns,
      stack,
      cluster,
      externalSecretsIdentity: { ...EXTERNAL_SECRETS_SERVICE_ACCOUNT, roleArn: externalSecrets.roleArn },
      zone: this.zoneFor(environment),
      vpcId: this.manageInfrastructure ? undefined : environment.facts.network?.vpcId,
    });
    if (this.argoCdBootstrap) {
      // The first install is the release the argo-cd add-on owns afterwards (paved's, when the add-on is off).
      const bootstrapStack = ClusterBootstrap.stackOf(platform, environment.name);
      bootstrapStack.addDependency(stack);
      new ClusterBootstrap(bootstrapStack, 'Bootstrap', { rootApplication: rootApplicationManifest(platform, environment.name), argoCd: addOns.argoCd?.release });
    }
    for (const team of sortedBy(platform.teams, (t) => t.name)) {
      ArgoCdProject.forTeam(argoCd, team.name);
    }
    new ArgoCdApplication(argoCd, 'Platform', { component: PLATFORM_COMPONENT, project: 'default' });
    for (const onThisCluster of onCluster) {
      new RootApplication(argoCd, `Root-${onThisCluster.name}`, { environment: onThisCluster.name });
    }
    return { cluster, addOns };
  }

  /** Each team's namespace, quota, limits, RBAC and default-deny policies in `environment`. */
  private addTenancy(environment: Environment): void {
    const chart = this.platform.placement(PLATFORM_COMPONENT, environment.name).chart;
    for (const team of sortedBy(this.platform.teams, (t) => t.name)) {
      new TeamTenancy(chart, `Tenancy-${team.name}`, { team: team.name });
    }
  }

  private addCatalog(): void {
    const catalog = this.platform.catalogChart();
    const teams = sortedBy(this.platform.teams, (t) => t.name);
    for (const team of teams) {
      new BackstageGroup(catalog, `Group-${team.name}`, { team: team.name });
    }
    for (const domain of sortedBy(new Set(teams.map((t) => t.domain)), (d) => d)) {
      new BackstageSystem(catalog, `System-${domain}`, { domain });
    }
    for (const goldenPath of this.goldenPaths.all) {
      const { id, title, description, templateSkeletonUrl } = goldenPath;
      new BackstageTemplate(catalog, `Template-${id}`, {
        goldenPath: id,
        title,
        description: description ?? `A ${title} on the ${this.platform.name} platform: secure workload, infrastructure, GitOps, catalog and CI in one declaration.`,
        owner: this.platformTeam,
        platformRepository: this.platformRepository,
        skeleton: templateSkeletonUrl === undefined ? templateDeclarationSkeleton(goldenPath) : undefined,
        skeletonUrl: templateSkeletonUrl,
      });
    }
    new BackstageLocation(catalog, 'Location');
  }
}

const BASELINE_ID = 'Baseline';

/** IAM's limit on the inline policies of one role, in characters other than white space. */
const ROLE_INLINE_POLICY_LIMIT = 10240;
