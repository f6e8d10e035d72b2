import { DatabaseSize, EksCluster, KmsKey, Network, PostgresDatabase } from '../../../constructs';
import {
  addressOf, errorOf, grantedStatements, onlyResource, recordedFacts, refTo, renderStack, resourcesOf, serviceStack, statementsOf,
  testPlatform, testRole,
} from '../../util';

const DATABASE = 'checkout-dev/Database/Resource';
const KEY = 'checkout-dev/Database/Key/Resource';

describe('PostgresDatabase defaults (development)', () => {
  const stack = serviceStack();
  const database = new PostgresDatabase(stack, 'Database');
  const json = renderStack(stack);
  const instance = onlyResource(json, 'aws_db_instance');
  const keyArn = refTo(json, 'aws_kms_key', KEY, 'arn');

  test('runs PostgreSQL 17 on a small instance, taking minor versions automatically', () => {
    expect(database).toMatchObject({ engineVersion: '17', size: DatabaseSize.small(), databaseName: 'checkout', masterUsername: 'postgres', port: 5432 });
    expect(instance).toMatchObject({
      identifier: 'acme-dev-checkout-database',
      engine: 'postgres',
      engine_version: '17',
      auto_minor_version_upgrade: true,
      allow_major_version_upgrade: false,
      instance_class: 'db.t4g.medium',
      allocated_storage: 20,
      max_allocated_storage: 100,
      storage_type: 'gp3',
      db_name: 'checkout',
      username: 'postgres',
      port: 5432,
    });
  });

  test('encrypts storage, Performance Insights and the master secret with a key of its own', () => {
    expect(instance).toMatchObject({
      storage_encrypted: true,
      kms_key_id: keyArn,
      performance_insights_enabled: true,
      performance_insights_kms_key_id: keyArn,
      performance_insights_retention_period: 7,
      master_user_secret_kms_key_id: keyArn,
    });
  });

  test('lets RDS manage the master password: no password anywhere in the output', () => {
    expect(instance.manage_master_user_password).toBe(true);
    expect(JSON.stringify(json)).not.toMatch(/"password/);
    expect(resourcesOf(json, 'aws_secretsmanager_secret_version')).toEqual({});
  });

  test('authenticates with IAM and is not publicly accessible', () => {
    expect(instance).toMatchObject({ iam_database_authentication_enabled: true, publicly_accessible: false });
  });

  test('sits in the environment\'s private subnets, admitting only the cluster\'s nodes on 5432', () => {
    const facts = recordedFacts('dev');
    expect(onlyResource(json, 'aws_db_subnet_group')).toMatchObject({ name: 'acme-dev-checkout-database', subnet_ids: facts.network!.privateSubnetIds });
    expect(instance.db_subnet_group_name).toBe(refTo(json, 'aws_db_subnet_group', 'checkout-dev/Database/SubnetGroup', 'name'));
    const group = onlyResource(json, 'aws_security_group');
    expect(group).toEqual(expect.objectContaining({ name: 'acme-dev-checkout-database', vpc_id: 'vpc-0123456789abcdef0' }));
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual({});
    expect(onlyResource(json, 'aws_vpc_security_group_ingress_rule')).toMatchObject({
      security_group_id: refTo(json, 'aws_security_group', 'checkout-dev/Database/SecurityGroup', 'id'),
      referenced_security_group_id: facts.cluster!.clusterSecurityGroupId,
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
    });
    expect(instance.vpc_security_group_ids).toEqual([refTo(json, 'aws_security_group', 'checkout-dev/Database/SecurityGroup', 'id')]);
  });

  test('forces TLS and logs statements slower than a second, in a parameter group per major version', () => {
    const group = onlyResource(json, 'aws_db_parameter_group');
    expect(group).toMatchObject({
      name: 'acme-dev-checkout-database-postgres17',
      family: 'postgres17',
      parameter: [{ name: 'log_min_duration_statement', value: '1000' }, { name: 'rds.force_ssl', value: '1' }],
      lifecycle: { create_before_destroy: true },
    });
    expect(instance.parameter_group_name).toBe(refTo(json, 'aws_db_parameter_group', 'checkout-dev/Database/ParameterGroup', 'name'));
  });

  test('exports its logs to encrypted log groups created first', () => {
    expect(instance.enabled_cloudwatch_logs_exports).toEqual(['postgresql', 'upgrade']);
    const groups = Object.values(resourcesOf(json, 'aws_cloudwatch_log_group')) as any[];
    expect(groups.map((g) => [g.name, g.retention_in_days, g.kms_key_id])).toEqual([
      ['/aws/rds/instance/acme-dev-checkout-database/postgresql', 365, keyArn],
      ['/aws/rds/instance/acme-dev-checkout-database/upgrade', 365, keyArn],
    ]);
    expect(instance.depends_on).toEqual([
      addressOf(json, 'aws_cloudwatch_log_group', 'checkout-dev/Database/PostgresqlLogs/Resource'),
      addressOf(json, 'aws_cloudwatch_log_group', 'checkout-dev/Database/UpgradeLogs/Resource'),
    ]);
    expect(Object.keys(statementsOf(onlyResource(json, 'aws_kms_key').policy))).toEqual([
      'AccountIamPoliciesMayGrantUse', 'DatabasePostgresqlLogsLogGroup', 'DatabaseUpgradeLogsLogGroup',
    ]);
  });

  test('keeps 7 days of backups, copies tags to snapshots and skips the final snapshot outside production', () => {
    expect(database).toMatchObject({ backupRetentionDays: 7, multiAz: false, deletionProtection: false, finalSnapshot: false });
    expect(instance).toMatchObject({
      backup_retention_period: 7, copy_tags_to_snapshot: true, multi_az: false, deletion_protection: false, skip_final_snapshot: true,
    });
    expect(instance.final_snapshot_identifier).toBeUndefined();
  });
});

describe('PostgresDatabase in production', () => {
  test('keeps 14 days of backups, spans zones, refuses deletion and leaves a final snapshot', () => {
    const stack = serviceStack('prod');
    const database = new PostgresDatabase(stack, 'Database');
    expect(database).toMatchObject({ backupRetentionDays: 14, multiAz: true, deletionProtection: true, finalSnapshot: true });
    expect(onlyResource(renderStack(stack), 'aws_db_instance')).toMatchObject({
      backup_retention_period: 14,
      multi_az: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'acme-prod-checkout-database-final',
    });
  });
});

describe('PostgresDatabase props', () => {
  test('uses the size, version, names, network, cluster, key, threshold and retention given', () => {
    const stack = testPlatform().placement('platform', 'dev').stack;
    const network = Network.fromExisting(stack, 'Network', { vpcId: 'vpc-0fedcba9876543210', privateSubnetIds: ['subnet-01234567', 'subnet-89abcdef'] });
    const cluster = EksCluster.fromExisting(stack, 'Cluster', { ...recordedFacts('dev').cluster!, clusterSecurityGroupId: 'sg-0fedcba9876543210' });
    new PostgresDatabase(stack, 'Catalog', {
      size: DatabaseSize.custom({ instanceClass: 'db.r7g.large', storageGiB: 50, maxStorageGiB: 60 }),
      engineVersion: '16',
      databaseName: 'catalog',
      masterUsername: 'admin_user',
      network,
      cluster,
      encryptionKey: new KmsKey(stack, 'Shared'),
      slowStatementThresholdMs: 250,
      logRetentionDays: 30,
    });
    const json = renderStack(stack);
    expect(onlyResource(json, 'aws_db_instance')).toMatchObject({
      identifier: 'acme-dev-platform-catalog',
      instance_class: 'db.r7g.large',
      allocated_storage: 50,
      max_allocated_storage: 60,
      engine_version: '16',
      db_name: 'catalog',
      username: 'admin_user',
      kms_key_id: refTo(json, 'aws_kms_key', 'platform-dev/Shared/Resource', 'arn'),
    });
    expect(onlyResource(json, 'aws_db_parameter_group')).toMatchObject({
      family: 'postgres16',
      parameter: [{ name: 'log_min_duration_statement', value: '250' }, { name: 'rds.force_ssl', value: '1' }],
    });
    expect(onlyResource(json, 'aws_db_subnet_group').subnet_ids).toEqual(['subnet-01234567', 'subnet-89abcdef']);
    expect(onlyResource(json, 'aws_security_group').vpc_id).toBe('vpc-0fedcba9876543210');
    expect(onlyResource(json, 'aws_vpc_security_group_ingress_rule').referenced_security_group_id).toBe('sg-0fedcba9876543210');
    expect((Object.values(resourcesOf(json, 'aws_cloudwatch_log_group')) as any[]).map((g) => g.retention_in_days)).toEqual([30, 30]);
  });

  test.each([
    ['small', DatabaseSize.small(), 'db.t4g.medium', 20, 100],
    ['medium', DatabaseSize.medium(), 'db.m7g.large', 100, 500],
    ['large', DatabaseSize.large(), 'db.r7g.xlarge', 500, 2500],
  ])('DatabaseSize.%s() has the documented instance class and storage', (_, size, instanceClass, storageGiB, maxStorageGiB) => {
    expect(size).toEqual({ instanceClass, storageGiB, maxStorageGiB });
  });

  test('fails when the version, names and size are wrong, naming each', () => {
    const message = errorOf(() => new PostgresDatabase(serviceStack(), 'Database', {
      engineVersion: '15',
      databaseName: 'Checkout',
      masterUsername: '1admin',
      size: DatabaseSize.custom({ instanceClass: 'm7g.large', storageGiB: 10, maxStorageGiB: 5 }),
      logRetentionDays: 8,
    }));
    expect(message).toContain("PostgresDatabase 'Database': 7 problems");
    expect(message).toContain("'engineVersion' must be a PostgreSQL major version of 16 or newer, such as '17' (got '15').");
    expect(message).toContain("'databaseName' must be 1-63 lowercase letters, digits and underscores, starting with a letter (got 'Checkout').");
    expect(message).toContain("'masterUsername' must be 1-16 lowercase letters, digits and underscores, starting with a letter (got '1admin').");
    expect(message).toContain("'size.instanceClass' must be an RDS instance class such as 'db.m7g.large' (got 'm7g.large').");
    expect(message).toContain("'size.storageGiB' must be a whole number of GiB from 20 to 65536, the range RDS accepts for gp3 (got 10).");
    expect(message).toContain("'size.maxStorageGiB' must be a whole number of GiB from 10 to 65536, at least storageGiB (got 5).");
    expect(message).toContain("'logRetentionDays' must be one of the periods CloudWatch Logs accepts");
  });

  test('before the network and cluster are recorded, its stack waits for them', () => {
    const platform = testPlatform();
    platform.declareComponent({ name: 'checkout', team: 'payments' });
    const stack = platform.placement('checkout', 'dev').stack;
    new PostgresDatabase(stack, 'Database');
    expect(stack.waitsFor).toEqual([{ stack: 'platform-dev', output: 'cluster' }, { stack: 'platform-dev', output: 'network' }]);
  });
});

describe('PostgresDatabase grants', () => {
  test('grantConnect allows IAM authentication as the database\'s user on this instance only', () => {
    const stack = serviceStack();
    const database = new PostgresDatabase(stack, 'Database');
    const role = testRole(stack);
    const made = database.grantConnect(role);
    database.grantConnect(role, { databaseUser: 'reporting' });
    const json = renderStack(stack);
    const resourceId = refTo(json, 'aws_db_instance', DATABASE, 'resource_id');
    expect(made.map((s) => s.sid)).toEqual(['DatabaseConnectCheckout']);
    expect(grantedStatements(json)).toEqual({
      DatabaseConnectCheckout: {
        Sid: 'DatabaseConnectCheckout',
        Effect: 'Allow',
        Action: ['rds-db:connect'],
        Resource: [`arn:aws:rds-db:eu-west-1:111111111111:dbuser:${resourceId}/checkout`],
      },
      DatabaseConnectReporting: {
        Sid: 'DatabaseConnectReporting',
        Effect: 'Allow',
        Action: ['rds-db:connect'],
        Resource: [`arn:aws:rds-db:eu-west-1:111111111111:dbuser:${resourceId}/reporting`],
      },
    });
  });

  test('fails when the user to connect as is the master user', () => {
    const stack = serviceStack();
    const database = new PostgresDatabase(stack, 'Database');
    expect(errorOf(() => database.grantConnect(testRole(stack), { databaseUser: 'postgres' }))).toBe(
      "PostgresDatabase 'Database': grantConnect: 'databaseUser' must be a PostgreSQL user name other than the master user 'postgres': "
      + "lowercase letters, digits and underscores, starting with a letter or underscore (got 'postgres').",
    );
  });
});
