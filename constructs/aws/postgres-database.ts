import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { arnOf } from './arn';
import { problemsOf, rangeProblem } from './checks';
import { DatabaseSize } from './database-size';
import { EksCluster, IEksCluster } from './eks-cluster';
import { IGrantable, grantTo } from './grantable';
import { KmsKey } from './kms-key';
import { LogGroup, logRetentionProblem } from './log-group';
import { INetwork, Network } from './network';
import { physicalName } from './physical-name';
import { PolicyStatement } from './policy-statement';
import { Environment } from '../../src/platform/environment';
import { formatName } from '../../src/platform/names';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformStack } from '../../src/platform/platform-stack';

/** Oldest PostgreSQL major version accepted. */
export const MIN_POSTGRES_MAJOR_VERSION = 16;

/** The PostgreSQL port. */
export const POSTGRES_PORT = 5432;

/** The logs a database exports to CloudWatch Logs. */
export const POSTGRES_LOG_EXPORTS: readonly string[] = ['postgresql', 'upgrade'];

/** Props of a `PostgresDatabase`. */
export interface PostgresDatabaseProps {
  /**
   * Instance class and storage.
   * @default DatabaseSize.small()
   */
  readonly size?: DatabaseSize;
  /**
   * The PostgreSQL major version, 16 or newer; RDS applies minor versions automatically.
   * @default '17'
   */
  readonly engineVersion?: string;
  /**
   * The database created in the instance.
   * @default - the service's name as a PostgreSQL identifier (`checkout_api`)
   */
  readonly databaseName?: string;
  /**
   * The master user; RDS keeps its password in Secrets Manager and rotates it.
   * @default 'postgres'
   */
  readonly masterUsername?: string;
  /**
   * The network whose private subnets hold the database.
   * @default - the environment's network, from its recorded facts (`Network.fromEnvironment`)
   */
  readonly network?: INetwork;
  /**
   * The cluster whose nodes may connect; nothing else may.
   * @default - the environment's cluster, from its recorded facts (`EksCluster.fromEnvironment`)
   */
  readonly cluster?: IEksCluster;
  /**
   * The key that encrypts storage, snapshots, Performance Insights, logs and the master secret.
   * @default - a new `KmsKey` for this database
   */
  readonly encryptionKey?: KmsKey;
  /**
   * Statements that run at least this long are logged (`log_min_duration_statement`).
   * @default 1000
   */
  readonly slowStatementThresholdMs?: number;
  /**
   * Days to keep exported logs; one of `LOG_RETENTION_DAYS`.
   * @default 365
   */
  readonly logRetentionDays?: number;
}

/** Options of `PostgresDatabase.grantConnect`. */
export interface GrantConnectOptions {
  /**
   * The database user to connect as; it must exist with `GRANT rds_iam TO <user>`.
   * @default - the database's name
   */
  readonly databaseUser?: string;
}

/**
 * An RDS for PostgreSQL instance: encrypted with a customer managed key, private (private
 * subnets, not publicly accessible, a security group that admits only the cluster's nodes on
 * 5432), TLS enforced (`rds.force_ssl`), IAM database authentication, the master password
 * managed by RDS in Secrets Manager (no password in the output), slow statements logged and
 * exported to encrypted log groups, Performance Insights, tags copied to snapshots, and the
 * environment's backup retention, multi-AZ and deletion protection, with a final snapshot
 * where the environment protects data from deletion.
 */
export class PostgresDatabase extends Construct {
  /** The DB instance. */
  public readonly resource: DbInstance;
  /** `<platform>-<environment>-<service>-<path>`. */
  public readonly identifier: string;
  /** Instance class and storage: `props.size`, or `DatabaseSize.small()`. */
  public readonly size: DatabaseSize;
  /** The PostgreSQL major version: `props.engineVersion`, or `'17'`. */
  public readonly engineVersion: string;
  /** The database created in the instance: `props.databaseName`, or the service's name as a PostgreSQL identifier. */
  public readonly databaseName: string;
  /** The master user, whose password RDS keeps in Secrets Manager: `props.masterUsername`, or `'postgres'`. */
  public readonly masterUsername: string;
  /** The TCP port PostgreSQL listens on, 5432. */
  public readonly port = POSTGRES_PORT;
  /** The host name to connect to (a Terraform reference). */
  public readonly endpoint: string;
  /** The ARN of the Secrets Manager secret RDS keeps the master password in (a Terraform reference). */
  public readonly masterUserSecretArn: string;
  /** The network whose private subnets hold the database: `props.network`, or the environment's network. */
  public readonly network: INetwork;
  /** The cluster whose nodes may connect: `props.cluster`, or the environment's cluster. */
  public readonly cluster: IEksCluster;
  /**
   * The key that encrypts storage, snapshots, Performance Insights, logs and the master secret: `props.encryptionKey`,
   * or a new `KmsKey` child `Key`.
   */
  public readonly encryptionKey: KmsKey;
  /** Milliseconds from which a statement is logged (`log_min_duration_statement`): `props.slowStatementThresholdMs`, or 1000. */
  public readonly slowStatementThresholdMs: number;
  /** The environment's `backupRetentionDays`. */
  public readonly backupRetentionDays: number;
  /** The environment's `multiAz`. */
  public readonly multiAz: boolean;
  /** The environment's `deletionProtection`. */
  public readonly deletionProtection: boolean;
  /** Whether destroying the database leaves a final snapshot: where the environment protects data from deletion. */
  public readonly finalSnapshot: boolean;
  /** The parameter group: forced TLS, logging of slow statements. */
  public readonly parameterGroup: DbParameterGroup;
  /** The subnet group of the network's private subnets. */
  public readonly subnetGroup: DbSubnetGroup;
  /** The database's security group, with no egress rule; `clusterIngress` admits the cluster. */
  public readonly securityGroup: SecurityGroup;
  /** Admits the cluster's security group on the PostgreSQL port. */
  public readonly clusterIngress: VpcSecurityGroupIngressRule;
  /** One encrypted log group per export, created before the instance. */
  public readonly logGroups: readonly LogGroup[];
  private readonly environment: Environment;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps = {}) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    this.environment = stack.environment;
    this.size = props.size ?? DatabaseSize.small();
    this.engineVersion = props.engineVersion ?? '17';
    this.databaseName = props.databaseName ?? formatName('postgres-database', [stack.ownership.service]);
    this.masterUsername = props.masterUsername ?? 'postgres';
    this.slowStatementThresholdMs = props.slowStatementThresholdMs ?? 1000;
    this.backupRetentionDays = this.environment.backupRetentionDays;
    this.multiAz = this.environment.multiAz;
    this.deletionProtection = this.environment.deletionProtection;
    this.finalSnapshot = this.environment.deletionProtection;
    PavedValidationError.throwIfAny(this, this.problems(props.logRetentionDays));
    this.network = props.network ?? Network.fromEnvironment(this, 'Network');
    this.cluster = props.cluster ?? EksCluster.fromEnvironment(this, 'Cluster');
    this.encryptionKey = props.encryptionKey ?? new KmsKey(this, 'Key');
    this.identifier = physicalName(this, 'rds-identifier');
    const major = this.engineVersion.split('.')[0];

    this.parameterGroup = new DbParameterGroup(this, 'ParameterGroup', {
      name: physicalName(this, 'rds-parameter-group', `postgres${major}`),
      family: `postgres${major}`,
      parameter: [
        { name: 'log_min_duration_statement', value: String(this.slowStatementThresholdMs) },
        { name: 'rds.force_ssl', value: '1' },
      ],
      lifecycle: { createBeforeDestroy: true },
    });
    this.subnetGroup = new DbSubnetGroup(this, 'SubnetGroup', {
      name: physicalName(this, 'rds-subnet-group'),
      subnetIds: [...this.network.privateSubnetIds],
    });
    // No egress rule: Terraform removes the default allow-all egress of a new security group.
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: physicalName(this, 'security-group'),
      description: `PostgreSQL ${this.identifier}: clients in the cluster only`,
      vpcId: this.network.vpcId,
    });
    this.clusterIngress = new VpcSecurityGroupIngressRule(this, 'ClusterIngress', {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: this.cluster.clusterSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      description: `PostgreSQL from the nodes of cluster ${this.cluster.clusterName}`,
    });
    this.logGroups = POSTGRES_LOG_EXPORTS.map((log) => new LogGroup(this, `${log.charAt(0).toUpperCase()}${log.slice(1)}Logs`, {
      logGroupName: `/aws/rds/instance/${this.identifier}/${log}`,
      retentionDays: props.logRetentionDays,
      encryptionKey: this.encryptionKey,
    }));

    this.resource = new DbInstance(this, 'Resource', {
      identifier: this.identifier,
      engine: 'postgres',
      engineVersion: this.engineVersion,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      instanceClass: this.size.instanceClass,
      allocatedStorage: this.size.storageGiB,
      maxAllocatedStorage: this.size.maxStorageGiB,
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: this.encryptionKey.keyArn,
      dbName: this.databaseName,
      username: this.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: this.encryptionKey.keyArn,
      iamDatabaseAuthenticationEnabled: true,
      publiclyAccessible: false,
      port: POSTGRES_PORT,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      parameterGroupName: this.parameterGroup.name,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: this.encryptionKey.keyArn,
      performanceInsightsRetentionPeriod: 7,
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      copyTagsToSnapshot: true,
      backupRetentionPeriod: this.backupRetentionDays,
      multiAz: this.multiAz,
      deletionProtection: this.deletionProtection,
      skipFinalSnapshot: !this.finalSnapshot,
      finalSnapshotIdentifier: this.finalSnapshot ? `${this.identifier}-final` : undefined,
      dependsOn: this.logGroups.map((g) => g.resource),
    });
    this.endpoint = this.resource.address;
    this.masterUserSecretArn = this.resource.masterUserSecret.get(0).secretArn;
  }

  /** Lets `grantee` connect as `databaseUser` with an IAM authentication token (`rds-db:connect`). */
  public grantConnect(grantee: IGrantable, options: GrantConnectOptions = {}): PolicyStatement[] {
    const user = options.databaseUser ?? this.databaseName;
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(user) || user === this.masterUsername) {
      throw new PavedValidationError(this, `grantConnect: 'databaseUser' must be a PostgreSQL user name other than the master user '${this.masterUsername}': lowercase letters, digits and underscores, starting with a letter or underscore (got '${user}').`);
    }
    return grantTo(grantee, [new PolicyStatement({
      sid: PolicyStatement.sidFor(this, 'Connect', user),
      actions: ['rds-db:connect'],
      resources: [arnOf(this.environment, 'rds-db', `dbuser:${this.resource.resourceId}/${user}`)],
    })]);
  }

  private problems(logRetentionDays: number | undefined): string[] {
    const problems = problemsOf(logRetentionProblem('logRetentionDays', logRetentionDays));
    const version = /^(\d+)(\.\d+)?$/.exec(this.engineVersion);
    if (!version || Number(version[1]) < MIN_POSTGRES_MAJOR_VERSION) {
      problems.push(`'engineVersion' must be a PostgreSQL major version of ${MIN_POSTGRES_MAJOR_VERSION} or newer, such as '17' (got '${this.engineVersion}').`);
    }
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(this.databaseName)) {
      problems.push(`'databaseName' must be 1-63 lowercase letters, digits and underscores, starting with a letter (got '${this.databaseName}').`);
    }
    if (!/^[a-z][a-z0-9_]{0,15}$/.test(this.masterUsername)) {
      problems.push(`'masterUsername' must be 1-16 lowercase letters, digits and underscores, starting with a letter (got '${this.masterUsername}').`);
    }
    if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(this.size.instanceClass)) {
      problems.push(`'size.instanceClass' must be an RDS instance class such as 'db.m7g.large' (got '${this.size.instanceClass}').`);
    }
    problems.push(...problemsOf(
      rangeProblem('size.storageGiB', this.size.storageGiB, { min: 20, max: 65_536, unit: 'GiB', why: 'the range RDS accepts for gp3' }),
      rangeProblem('size.maxStorageGiB', this.size.maxStorageGiB, { min: this.size.storageGiB, max: 65_536, unit: 'GiB', why: 'at least storageGiB' }),
      rangeProblem('slowStatementThresholdMs', this.slowStatementThresholdMs, { min: 0, max: 2_147_483_647, unit: 'milliseconds' }),
    ));
    return problems;
  }
}
