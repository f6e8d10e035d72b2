import { join } from 'path';
import {
  AccessLogBucket, Bucket, ContainerRepository, DatabaseSize, EksCluster, KmsKey, Network, PostgresDatabase, Queue, Secret, WorkloadIdentity,
} from '../../../constructs';
import { describeWithTerraform, planOffline, runTerraform, serviceStack, synthToTemp, testPlatformWithFacts } from '../../util';

describeWithTerraform('Terraform accepts a platform stack and a service stack with every module', () => {
  const platform = testPlatformWithFacts();
  const platformStack = platform.placement('platform', 'prod').stack;
  const network = new Network(platformStack, 'Network');
  new EksCluster(platformStack, 'Cluster', { network, administratorArns: ['arn:aws:iam::333333333333:role/platform-admins'] });
  new AccessLogBucket(platformStack, 'AccessLogs');

  const stack = serviceStack('prod', platform);
  const key = new KmsKey(stack, 'Key');
  const identity = new WorkloadIdentity(stack, 'Identity', { namespace: 'payments', serviceAccountName: 'checkout' });
  const bucket = new Bucket(stack, 'Uploads', { encryptionKey: key });
  const queue = new Queue(stack, 'Orders');
  const repository = new ContainerRepository(stack, 'Images');
  const secret = new Secret(stack, 'ApiKey', { rotation: { rotationLambdaArn: 'arn:aws:lambda:eu-west-1:333333333333:function:rotate' } });
  const database = new PostgresDatabase(stack, 'Database', { size: DatabaseSize.medium() });
  bucket.grantReadWrite(identity);
  queue.grantConsume(identity);
  queue.grantSend(identity);
  repository.grantPull(identity);
  secret.grantRead(identity);
  database.grantConnect(identity);
  key.grantEncryptDecrypt(identity);

  const outdir = synthToTemp(platform);

  test.each(['platform-prod', 'checkout-prod'])('%s passes terraform validate and plan -refresh=false offline', (id) => {
    const dir = join(outdir, 'terraform/prod', id);
    expect(runTerraform(dir, 'validate', '-no-color')).toContain('The configuration is valid.');
    const plan = planOffline(dir);
    console.log(plan.slice(-6000));
    expect(plan).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
  });
});
