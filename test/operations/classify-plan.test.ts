import { writeFileSync } from 'fs';
import { join } from 'path';
import { BinaryEngine, OFFLINE_PROVIDER_SETTINGS, PlannedResourceChange, ResourceChange, StackGraphEntry, classifyPlan, plannedChanges } from '../../src';
import { PROVIDER_MIRROR, TERRAFORM, TERRAFORM_TIMEOUT_MS, describeWithTerraform, tempDir } from '../util';

const STACK: StackGraphEntry = { id: 'checkout-dev', environment: 'dev', service: 'checkout', team: 'payments', directory: 'terraform/dev/checkout-dev', dependsOn: ['platform-dev'] };

/** One entry of `resource_changes`. */
function change(type: string, actions: string[], more: { replace_paths?: string[][]; action_reason?: string; name?: string } = {}): ResourceChange {
  return {
    address: `${type}.${more.name ?? 'this'}`,
    type,
    change: { actions, ...(more.replace_paths ? { replace_paths: more.replace_paths } : {}) },
    ...(more.action_reason ? { action_reason: more.action_reason } : {}),
  };
}

function classified(...changes: ResourceChange[]): Array<Pick<PlannedResourceChange, 'address' | 'risk' | 'why'>> {
  return classifyPlan({ resource_changes: changes }, STACK).map(({ address, risk, why }) => ({ address, risk, why }));
}

describe('classifyPlan', () => {
  test('replacing or deleting a stateful resource is high risk, and says what is lost and why', () => {
    expect(classified(
      change('aws_db_instance', ['delete', 'create'], { replace_paths: [['engine_version'], ['storage_encrypted']], action_reason: 'replace_because_cannot_update' }),
      change('aws_s3_bucket', ['delete'], { action_reason: 'delete_because_no_resource_config' }),
      change('aws_kms_key', ['create', 'delete'], { action_reason: 'replace_because_tainted' }),
      change('aws_eks_node_group', ['delete', 'create'], { action_reason: 'replace_by_request' }),
    )).toEqual([
      { address: 'aws_db_instance.this', risk: 'high', why: 'replaces the database: its data is lost unless restored from a snapshot; forced by engine_version, storage_encrypted' },
      { address: 'aws_s3_bucket.this', risk: 'high', why: 'deletes the bucket: its objects are lost; because it was removed from the configuration' },
      { address: 'aws_kms_key.this', risk: 'high', why: 'replaces the KMS key: whatever was encrypted with it can no longer be decrypted; because the resource is tainted' },
      { address: 'aws_eks_node_group.this', risk: 'high', why: 'replaces the node group: its pods are evicted while its nodes are replaced; because a replacement was requested (-replace)' },
    ]);
  });

  test('every stateful kind the issue names is in the table', () => {
    const types = ['aws_db_instance', 'aws_rds_cluster', 'aws_s3_bucket', 'aws_kms_key', 'aws_sqs_queue', 'aws_eks_cluster', 'aws_eks_node_group', 'aws_dynamodb_table', 'aws_efs_file_system', 'aws_ecr_repository'];
    expect(classified(...types.map((type) => change(type, ['delete']))).map((c) => c.risk)).toEqual(types.map(() => 'high'));
  });

  test('replacing or deleting anything else, and any change to an access policy, is medium risk', () => {
    expect(classified(
      change('aws_security_group', ['delete', 'create'], { replace_paths: [['name']] }),
      change('aws_route53_record', ['delete']),
      change('aws_iam_role_policy', ['update']),
      change('aws_iam_policy', ['create']),
      change('aws_iam_role', ['delete']),
    )).toEqual([
      { address: 'aws_security_group.this', risk: 'medium', why: 'replaces the aws_security_group: what uses it is disrupted while it is recreated; forced by name' },
      { address: 'aws_route53_record.this', risk: 'medium', why: 'deletes the aws_route53_record: what uses it loses it' },
      { address: 'aws_iam_role_policy.this', risk: 'medium', why: 'updates the access policy in place: who may do what changes' },
      { address: 'aws_iam_policy.this', risk: 'medium', why: 'creates an access policy: who may do what changes' },
      { address: 'aws_iam_role.this', risk: 'medium', why: 'deletes the access policy: what uses it loses it' },
    ]);
  });

  test('creating and updating is low risk; no-ops and reads are left out', () => {
    expect(classified(
      change('aws_db_instance', ['update']),
      change('aws_sqs_queue', ['create']),
      change('aws_security_group', ['create']),
      change('aws_s3_bucket', ['no-op']),
      change('aws_eks_cluster', ['read']),
    )).toEqual([
      { address: 'aws_db_instance.this', risk: 'low', why: 'updates the database in place' },
      { address: 'aws_sqs_queue.this', risk: 'low', why: 'creates a queue' },
      { address: 'aws_security_group.this', risk: 'low', why: 'creates an aws_security_group' },
    ]);
  });

  test('carries the stack, its environment, service and team, the actions and the dotted replace paths', () => {
    const [one] = classifyPlan({ resource_changes: [change('aws_eks_node_group', ['delete', 'create'], { replace_paths: [['scaling_config', '0', 'min_size']] as string[][] })] }, STACK);
    expect(one).toEqual({
      stack: 'checkout-dev',
      environment: 'dev',
      service: 'checkout',
      team: 'payments',
      address: 'aws_eks_node_group.this',
      resourceType: 'aws_eks_node_group',
      actions: ['delete', 'create'],
      replacedBecause: ['scaling_config.0.min_size'],
      risk: 'high',
      why: 'replaces the node group: its pods are evicted while its nodes are replaced; forced by scaling_config.0.min_size',
    });
    expect(classifyPlan({}, STACK)).toEqual([]);
  });

  test('plannedChanges lists the riskiest first, then by stack and address', () => {
    const of = (stack: string, ...changes: ResourceChange[]) => classifyPlan({ resource_changes: changes }, { ...STACK, id: stack });
    const changes = [
      ...of('storefront-dev', change('aws_sqs_queue', ['create'], { name: 'a' }), change('aws_s3_bucket', ['delete'], { name: 'b' })),
      ...of('checkout-dev', change('aws_iam_policy', ['create'], { name: 'z' }), change('aws_s3_bucket', ['delete'], { name: 'c' }), change('aws_sqs_queue', ['create'], { name: 'b' })),
    ];
    const result = plannedChanges(['checkout-dev', 'storefront-dev'], changes);
    expect(result.format).toBe('paved-planned-changes/1');
    expect(result.planned).toEqual(['checkout-dev', 'storefront-dev']);
    expect(result.changes.map((c) => `${c.risk} ${c.stack} ${c.address}`)).toEqual([
      'high checkout-dev aws_s3_bucket.c',
      'high storefront-dev aws_s3_bucket.b',
      'medium checkout-dev aws_iam_policy.z',
      'low checkout-dev aws_sqs_queue.b',
      'low storefront-dev aws_sqs_queue.a',
    ]);
  });
});

const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';

/** A resource of a hand-written state (format 4): what an earlier apply would have recorded. */
function stateResource(type: string, name: string, attributes: Record<string, unknown>) {
  return { mode: 'managed', type, name, provider: PROVIDER, instances: [{ schema_version: 0, attributes: { tags: {}, tags_all: {}, ...attributes } }] };
}

/**
 * The plan, as `terraform show -json` prints it, of `resources` against a hand-written prior
 * state of `state`: offline (dummy credentials, `-refresh=false`, a local state), as
 * `paved plan --offline` plans.
 */
async function realPlan(resources: Record<string, unknown>, state: ReturnType<typeof stateResource>[]): Promise<any> {
  const dir = tempDir();
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } }, backend: { local: { path: 'terraform.tfstate' } } },
    provider: {
      aws: [{ region: 'eu-west-1', ...OFFLINE_PROVIDER_SETTINGS }],
    },
    resource: resources,
  }));
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'b6f1a8d2-0000-4000-8000-000000000023', outputs: {}, resources: state }));
  const engine = new BinaryEngine({ binary: TERRAFORM, providerMirror: PROVIDER_MIRROR });
  const log = join(dir, 'terraform.log');
  await engine.init(dir, log);
  await engine.plan(dir, 'paved.tfplan', log, { refresh: false, lock: false });
  return engine.show(dir, 'paved.tfplan', log);
}

describeWithTerraform('classifyPlan on real offline plans', () => {
  // The queue's state holds the provider's defaults, so that a configuration of its name alone plans no change.
  const queue = stateResource('aws_sqs_queue', 'orders', {
    id: 'https://sqs.eu-west-1.amazonaws.com/111111111111/orders',
    name: 'orders',
    arn: 'arn:aws:sqs:eu-west-1:111111111111:orders',
    fifo_queue: false,
    content_based_deduplication: false,
    delay_seconds: 0,
    max_message_size: 262144,
    message_retention_seconds: 345600,
    receive_wait_time_seconds: 0,
    visibility_timeout_seconds: 30,
  });
  const topic = stateResource('aws_sns_topic', 'events', { id: 'arn:aws:sns:eu-west-1:111111111111:events', name: 'events', arn: 'arn:aws:sns:eu-west-1:111111111111:events', fifo_topic: false });
  const bucket = stateResource('aws_s3_bucket', 'logs', { id: 'acme-logs', bucket: 'acme-logs', arn: 'arn:aws:s3:::acme-logs', force_destroy: false });
  let plans: { replaced: any; deleted: any };

  beforeAll(async () => {
    const [replaced, deleted] = await Promise.all([
      // The queue and the topic are renamed (a name is immutable); the bucket only gets a tag.
      realPlan({
        aws_sqs_queue: { orders: { name: 'orders-v2' } },
        aws_sns_topic: { events: { name: 'events-v2' } },
        aws_s3_bucket: { logs: { bucket: 'acme-logs', tags: { team: 'payments' } } },
      }, [queue, topic, bucket]),
      // The bucket is removed from the configuration; a policy is added; the queue stays as it is.
      realPlan({
        aws_sqs_queue: { orders: { name: 'orders' } },
        aws_iam_policy: { read: { name: 'read', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) } },
      }, [queue, bucket]),
    ]);
    plans = { replaced, deleted };
  }, TERRAFORM_TIMEOUT_MS);

  test('a changed immutable attribute forces a replacement: high for a queue, medium for a topic, low for a tag', () => {
    const replaced = classifyPlan(plans.replaced, STACK);
    expect(replaced.map(({ address, actions, replacedBecause, risk, why }) => ({ address, actions, replacedBecause, risk, why }))).toEqual([
      { address: 'aws_s3_bucket.logs', actions: ['update'], replacedBecause: [], risk: 'low', why: 'updates the bucket in place' },
      { address: 'aws_sns_topic.events', actions: ['delete', 'create'], replacedBecause: ['name'], risk: 'medium', why: 'replaces the aws_sns_topic: what uses it is disrupted while it is recreated; forced by name' },
      { address: 'aws_sqs_queue.orders', actions: ['delete', 'create'], replacedBecause: ['name'], risk: 'high', why: 'replaces the queue: the messages in it are lost; forced by name' },
    ]);
  });

  test('a resource removed from the configuration is deleted: high for a bucket; a new policy is medium; the unchanged queue is left out', () => {
    expect(plans.deleted.resource_changes.map((r: ResourceChange) => [r.address, r.change.actions])).toContainEqual(['aws_sqs_queue.orders', ['no-op']]);
    expect(classifyPlan(plans.deleted, STACK).map(({ address, actions, risk, why }) => ({ address, actions, risk, why }))).toEqual([
      { address: 'aws_iam_policy.read', actions: ['create'], risk: 'medium', why: 'creates an access policy: who may do what changes' },
      { address: 'aws_s3_bucket.logs', actions: ['delete'], risk: 'high', why: 'deletes the bucket: its objects are lost; because it was removed from the configuration' },
    ]);
  });
});
