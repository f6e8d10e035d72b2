import { awsRegionProblem } from './aws-region';
import { ExistingInfrastructure, existingClusterProblems, existingNetworkProblems } from './existing-infrastructure';
import { checkName, formatName } from './names';
import { Prop, PropShape } from './prop-checker';
import type { EnvironmentFacts } from './recorded-facts';

/** How close to customers an environment is; it sets the defaults that differ by environment. */
export type EnvironmentTier = 'development' | 'staging' | 'production';

/** Longest environment name: it is part of every AWS name. */
export const MAX_ENVIRONMENT_NAME_LENGTH = 16;

/** What makes an environment ephemeral: where it came from and when it goes. */
export interface EphemeralEnvironmentInfo {
  /** The permanent environment whose account, region and cluster it shares. */
  readonly from: string;
  /** When it expires (ISO 8601); it is absent from every synth judged after that day. */
  readonly expires: string;
}

/** An environment as a platform team declares it. */
export interface EnvironmentProps {
  /** Short name, part of stack ids and AWS names: `dev`, `staging`, `prod`. */
  readonly name: string;
  /**
   * How close to customers the environment is.
   * @default - `production` for `prod` and `production`, `staging` for `staging` and `stage`,
   * `development` otherwise
   */
  readonly tier?: EnvironmentTier;
  /**
   * The 12-digit AWS account the environment runs in.
   * @default - the platform's `account`
   */
  readonly account?: string;
  /**
   * The AWS region the environment runs in.
   * @default - the platform's `region`
   */
  readonly region?: string;
  /**
   * The name of the environment's Kubernetes cluster.
   * @default - `existing.cluster.clusterName` when the cluster is adopted, otherwise `<platform>-<environment>`
   */
  readonly clusterName?: string;
  /**
   * Fewest replicas of a workload.
   * @default 1 in development, 2 in staging, 3 in production
   */
  readonly minReplicas?: number;
  /**
   * Whether stateful resources refuse deletion.
   * @default - true in production only
   */
  readonly deletionProtection?: boolean;
  /**
   * Whether databases and NAT span availability zones.
   * @default - true in production only
   */
  readonly multiAz?: boolean;
  /**
   * Days to keep automated database backups.
   * @default 14 in production, 7 otherwise
   */
  readonly backupRetentionDays?: number;
  /**
   * Facts about infrastructure the platform adopts instead of creating (a VPC, a cluster), which
   * service stacks use as literal values. What the platform stack creates is recorded by
   * `paved apply` in the platform's `facts` file instead.
   * @default - nothing adopted
   */
  readonly existing?: ExistingInfrastructure;
  /**
   * Set on the environments the platform makes from `paved env create` requests.
   * @default - a permanent environment
   */
  readonly ephemeral?: EphemeralEnvironmentInfo;
}

/** The kinds of `EnvironmentProps`, checked at run time (apps may be plain JavaScript). */
export const ENVIRONMENT_PROPS_SHAPE: PropShape = {
  name: Prop.required(Prop.string()),
  tier: Prop.oneOf(['development', 'staging', 'production']),
  account: Prop.string(),
  region: Prop.string(),
  clusterName: Prop.string(),
  minReplicas: Prop.number({ integer: true, min: 1 }),
  deletionProtection: Prop.boolean(),
  multiAz: Prop.boolean(),
  backupRetentionDays: Prop.number({ integer: true, min: 1, max: 35 }),
  existing: Prop.object({ network: Prop.any(), cluster: Prop.any() }),
  ephemeral: Prop.any(),
};

const TIER_DEFAULTS: Record<EnvironmentTier, Required<Pick<EnvironmentProps,
'minReplicas' | 'deletionProtection' | 'multiAz' | 'backupRetentionDays'>>> = {
  development: { minReplicas: 1, deletionProtection: false, multiAz: false, backupRetentionDays: 7 },
  staging: { minReplicas: 2, deletionProtection: false, multiAz: false, backupRetentionDays: 7 },
  production: { minReplicas: 3, deletionProtection: true, multiAz: true, backupRetentionDays: 14 },
};

/** The environments a platform has when it declares none. */
export const DEFAULT_ENVIRONMENTS: readonly EnvironmentProps[] = [
  { name: 'dev' },
  { name: 'staging' },
  { name: 'prod' },
];

/** Where an environment runs when it does not say. */
export interface EnvironmentDefaults {
  /** The platform's name, which starts the default cluster name `<platform>-<environment>`. */
  readonly platform: string;
  /** The platform's AWS account, for environments that name none; none makes such an environment a validation error. */
  readonly account?: string;
  /** The platform's AWS region, for environments that name none. */
  readonly region: string;
}

/** Facts `paved apply` recorded for an environment, and where they were recorded, for messages. */
export interface RecordedEnvironmentFacts {
  /** The facts, by output name. */
  readonly facts: EnvironmentFacts;
  /** Where they are recorded: `recorded facts <file>`. */
  readonly source: string;
}

/** An environment with every default resolved. */
export class Environment {
  /** Short name, part of stack ids and AWS names: `dev`, `staging`, `prod`. */
  public readonly name: string;
  /**
   * How close to customers it is: `props.tier`, or from the name (`prod` and `production` are `production`, `staging`
   * and `stage` are `staging`, anything else `development`).
   */
  public readonly tier: EnvironmentTier;
  /** The 12-digit AWS account it runs in: `props.account`, or the platform's `account`. */
  public readonly account: string;
  /** The AWS region it runs in: `props.region`, or the platform's `region`. */
  public readonly region: string;
  /** Its Kubernetes cluster's name: `props.clusterName`, or the adopted (`existing`) cluster's, or `<platform>-<environment>`. */
  public readonly clusterName: string;
  /** Fewest replicas of a workload: `props.minReplicas`, or 1 in development, 2 in staging, 3 in production. */
  public readonly minReplicas: number;
  /** Whether stateful resources refuse deletion: `props.deletionProtection`, or true in production only. */
  public readonly deletionProtection: boolean;
  /** Whether databases and NAT gateways span availability zones: `props.multiAz`, or true in production only. */
  public readonly multiAz: boolean;
  /** Days automated database backups are kept: `props.backupRetentionDays`, or 14 in production and 7 otherwise. */
  public readonly backupRetentionDays: number;
  /** Facts about infrastructure the environment adopts: `props.existing`, or none. */
  public readonly existing: ExistingInfrastructure;
  /**
   * Every fact service stacks may read, by output name: the adopted ones (`existing`) and the ones
   * `paved apply` recorded from its platform stack's outputs.
   */
  public readonly facts: EnvironmentFacts;
  /** Where an ephemeral environment came from and when it expires; absent on permanent ones. */
  public readonly ephemeral?: EphemeralEnvironmentInfo;

  /**
   * @param problems collects what is wrong with `props`; the platform reports them together
   * @param recorded the facts `paved apply` recorded for the environment
   */
  constructor(props: EnvironmentProps, defaults: EnvironmentDefaults, problems: string[], recorded?: RecordedEnvironmentFacts) {
    const where = `environment '${props.name}'`;
    const nameProblem = checkName('environments[].name', props.name, MAX_ENVIRONMENT_NAME_LENGTH);
    if (nameProblem) {
      problems.push(nameProblem);
    }
    this.name = props.name;
    this.tier = props.tier ?? tierFromName(props.name);
    const tierDefaults = TIER_DEFAULTS[this.tier];

    const account = props.account ?? defaults.account;
    if (account === undefined) {
      problems.push(`${where} has no AWS account; set 'account' on the platform or on the environment (12 digits).`);
    } else if (!/^\d{12}$/.test(account)) {
      problems.push(`${where}: 'account' must be a 12-digit AWS account id (got '${account}').`);
    }
    this.account = account ?? '';

    // The platform's default region is checked once, by the platform.
    this.region = props.region ?? defaults.region;
    const regionProblem = props.region === undefined ? undefined : awsRegionProblem("'region'", props.region);
    if (regionProblem) {
      problems.push(`${where}: ${regionProblem}`);
    }

    this.existing = props.existing ?? {};
    if (this.existing.network) {
      problems.push(...existingNetworkProblems(this.existing.network, 'existing.network.').map((p) => `${where}: ${p}`));
    }
    const recordedCluster = this.existing.cluster;
    if (recordedCluster) {
      problems.push(...existingClusterProblems(recordedCluster, 'existing.cluster.').map((p) => `${where}: ${p}`));
    }
    if (props.clusterName !== undefined && recordedCluster && recordedCluster.clusterName !== props.clusterName) {
      problems.push(`${where}: 'clusterName' ('${props.clusterName}') and 'existing.cluster.clusterName' ('${recordedCluster.clusterName}') differ; leave out 'clusterName' to use the recorded cluster.`);
    }
    const recordedFacts = recorded?.facts ?? {};
    const adopted = Object.fromEntries(Object.entries(this.existing).filter(([, facts]) => facts !== undefined));
    // An ephemeral environment has the facts of the one it came from, which reports a conflict once.
    for (const kind of props.ephemeral ? [] : Object.keys(adopted).filter((k) => recordedFacts[k] !== undefined)) {
      problems.push(`${where}: 'existing.${kind}' and the ${kind} in ${recorded!.source} both give the environment's ${kind}; 'existing' is for infrastructure the platform adopts, the file for what its stacks created. `
        + `Remove 'existing.${kind}' when the platform stack now manages the ${kind}, or remove '${props.name}.${kind}' from the file when the platform adopts it.`);
    }
    this.facts = { ...recordedFacts, ...adopted };
    this.clusterName = props.clusterName ?? recordedCluster?.clusterName ?? `${defaults.platform}-${props.name}`;
    this.minReplicas = props.minReplicas ?? tierDefaults.minReplicas;
    if (!Number.isInteger(this.minReplicas) || this.minReplicas < 1) {
      problems.push(`${where}: 'minReplicas' must be a whole number of at least 1 (got ${props.minReplicas}).`);
    }
    this.deletionProtection = props.deletionProtection ?? tierDefaults.deletionProtection;
    this.multiAz = props.multiAz ?? tierDefaults.multiAz;
    this.backupRetentionDays = props.backupRetentionDays ?? tierDefaults.backupRetentionDays;
    if (!Number.isInteger(this.backupRetentionDays) || this.backupRetentionDays < 1 || this.backupRetentionDays > 35) {
      problems.push(`${where}: 'backupRetentionDays' must be 1-35, the range RDS accepts (got ${props.backupRetentionDays}).`);
    }
    this.ephemeral = props.ephemeral;
  }

  /**
   * The namespace of `team`'s workloads here: the team's name, or `<team>-<environment>` in an
   * ephemeral environment, which shares its cluster with the environment it came from.
   */
  public teamNamespace(team: string): string {
    return this.ephemeral ? formatName('kubernetes', [team, this.name]) : team;
  }

  /** Whether this is a production environment. */
  public get isProduction(): boolean {
    return this.tier === 'production';
  }
}

function tierFromName(name: string): EnvironmentTier {
  if (name === 'prod' || name === 'production') {
    return 'production';
  }
  if (name === 'staging' || name === 'stage') {
    return 'staging';
  }
  return 'development';
}
