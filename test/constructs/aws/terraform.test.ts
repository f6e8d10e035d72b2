import { join } from 'path';
import {
  AccessLogBucket, Bucket, ContainerRepository, DatabaseSize, EksCluster, KmsKey, Network, PostgresDatabase, Queue, Secret, WorkloadIdentity,
} from '../../../constructs';
import { TERRAFORM_TIMEOUT_MS, describeWithTerraform, planOffline, runTerraform, serviceStack, synthToTemp, testPlatformWithFacts } from '../../util';

/**
 * The platform's own stack (network, cluster, access-log bucket, an add-on identity) and a
 * service stack with every module and every grant, reaching the network and cluster through the
 * facts the environment records: both must be valid and plan offline, each on its own state.
 */
describeWithTerraform('Terraform accepts a platform stack and a service stack with every module', () => {
  const platform = testPlatformWithFacts();
  const platformStack = platform.placement('platform', 'prod').stack;
  const network = new Network(platformStack, 'Network');
  const cluster = new EksCluster(platformStack, 'Cluster', { network, administratorArns: ['arn:aws:iam::333333333333:role/platform-admins'] });
  new AccessLogBucket(platformStack, 'AccessLogs');
  // A platform add-on's identity trusts the cluster of its own stack through Terraform references.
  new WorkloadIdentity(platformStack, 'ExternalSecrets', { namespace: 'external-secrets', serviceAccountName: 'external-secrets', cluster });

  const stack = serviceStack('prod', platform);
  const key = new KmsKey(stack, 'Key');
  const identity = new WorkloadIdentity(stack, 'Identity', { namespace: 'payments', serviceAccountName: 'checkout' });
  const bucket = new Bucket(stack, 'Uploads', { encryptionKey: key });
  const queue = new Queue(stack, 'Orders');
  const repository = new ContainerRepository(stack, 'Images');
  const secret = new Secret(stack, 'ApiKey', { rotation: { rotationLambdaArn: 'arn:aws:lambda:eu-west-1:333333333333:function:rotate' } });
  const database = new PostgresDatabase(stack, 'Database', { size: DatabaseSize.medium() });
  bucket.grantRead(identity);
  bucket.grantReadWrite(identity);
  queue.grantConsume(identity);
  queue.grantSend(identity);
  repository.grantPull(identity);
  repository.grantPush(identity);
  secret.grantRead(identity);
  database.grantConnect(identity);
  key.grantDecrypt(identity);
  key.grantEncryptDecrypt(identity);

  const outdir = synthToTemp(platform);
  // The stacks are independent: Terraform checks both side by side.
  const checks = new Map<string, Promise<[string, string]>>();
  beforeAll(() => {
    for (const id of ['platform-prod', 'checkout-prod']) {
      const dir = join(outdir, 'terraform/prod', id);
      checks.set(id, Promise.all([runTerraform(dir, 'validate', '-json', '-no-color'), planOffline(dir)]));
    }
  });

  test.each([
    ['platform-prod', 59],
    ['checkout-prod', 36],
  ])('%s passes terraform validate without warnings, and plans %i resources offline', async (id, resources) => {
    const [validate, plan] = await checks.get(id)!;
    expect(JSON.parse(validate.replace(/^[\s\S]*?(?=^\{)/m, ''))).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
    expect(plan).toContain(`Plan: ${resources} to add, 0 to change, 0 to destroy.`);
  }, TERRAFORM_TIMEOUT_MS);
});
