import { ConfiguredResources, ProviderSchemas, ShownPlan, StateInstance, baseStateStandIn, withoutEmptyUpdates } from '../../src';

const AWS = 'registry.terraform.io/hashicorp/aws';

const SCHEMAS: ProviderSchemas = {
  [AWS]: {
    aws_sqs_queue: {
      version: 0,
      block: {
        attributes: {
          id: { type: 'string' },
          name: { type: 'string' },
          arn: { type: 'string' },
          kms_master_key_arn: { type: 'string' },
          delay_seconds: { type: 'number' },
          fifo_queue: { type: 'bool' },
          tags_all: { type: ['map', 'string'] },
          urls: { type: ['list', 'string'] },
          endpoint: { type: ['object', { host: 'string', port: 'number' }] },
        },
        block_types: {
          redrive: { nesting_mode: 'list', block: { attributes: { target_arn: { type: 'string' }, count: { type: 'number' } } } },
          timeouts: { nesting_mode: 'single', block: { attributes: { create: { type: 'string' } } } },
        },
      },
    },
    aws_s3_bucket: { version: 1, block: { attributes: { id: { type: 'string' }, bucket: { type: 'string' } } } },
  },
};

const PLAN: ShownPlan = {
  terraform_version: '1.11.4',
  planned_values: {
    root_module: {
      resources: [
        { address: 'aws_sqs_queue.orders', mode: 'managed', type: 'aws_sqs_queue', name: 'orders', provider_name: AWS, schema_version: 0, values: { name: 'orders', redrive: [{ count: 5 }], urls: ['a'] } },
        { address: 'data.aws_region.this', mode: 'data', type: 'aws_region', name: 'this', provider_name: AWS, schema_version: 0, values: { name: 'eu-west-1' } },
      ],
      child_modules: [{
        address: 'module.logs',
        resources: [
          { address: 'module.logs.aws_s3_bucket.this[0]', mode: 'managed', type: 'aws_s3_bucket', name: 'this', index: 0, provider_name: AWS, schema_version: 1, values: { bucket: 'a' } },
          { address: 'module.logs.aws_s3_bucket.this[1]', mode: 'managed', type: 'aws_s3_bucket', name: 'this', index: 1, provider_name: AWS, schema_version: 1 },
        ],
      }],
    },
  },
  resource_changes: [{
    address: 'aws_sqs_queue.orders',
    type: 'aws_sqs_queue',
    change: {
      actions: ['create'],
      after_unknown: {
        id: true,
        arn: true,
        kms_master_key_arn: true,
        delay_seconds: true,
        fifo_queue: true,
        tags_all: true,
        urls: [true],
        endpoint: true,
        redrive: [{ target_arn: true }],
        timeouts: true,
      },
    },
  }],
};

describe('baseStateStandIn', () => {
  const state = baseStateStandIn(PLAN, SCHEMAS);

  test('is a format 4 state of the managed resources, with their module, provider address, index keys and schema versions', () => {
    const keysOf = (instances: readonly StateInstance[]) => instances.map((i) => [i.index_key, i.schema_version]);
    const resources = state.resources.map(({ instances, ...resource }) => ({ ...resource, keys: keysOf(instances) }));
    expect({ ...state, resources }).toEqual({
      version: 4,
      terraform_version: '1.11.4',
      serial: 1,
      lineage: '00000000-0000-4000-8000-00000000ba5e',
      outputs: {},
      resources: [
        { mode: 'managed', type: 'aws_sqs_queue', name: 'orders', provider: `provider["${AWS}"]`, keys: [[undefined, 0]] },
        { module: 'module.logs', mode: 'managed', type: 'aws_s3_bucket', name: 'this', provider: `provider["${AWS}"]`, keys: [[0, 1], [1, 1]] },
      ],
    });
  });

  test('keeps the known values and gives each unknown one a placeholder of its type', () => {
    expect(state.resources[0].instances[0].attributes).toEqual({
      id: 'paved-offline:aws_sqs_queue.orders.id',
      name: 'orders',
      arn: 'arn:aws:paved-offline::000000000000:aws_sqs_queue.orders.arn',
      kms_master_key_arn: 'arn:aws:paved-offline::000000000000:aws_sqs_queue.orders.kms_master_key_arn',
      delay_seconds: 0,
      fifo_queue: false,
      tags_all: {},
      urls: ['paved-offline:aws_sqs_queue.orders.urls.0'],
      endpoint: { host: 'paved-offline:aws_sqs_queue.orders.endpoint.host', port: 0 },
      redrive: [{ count: 5, target_arn: 'arn:aws:paved-offline::000000000000:aws_sqs_queue.orders.redrive.0.target_arn' }],
      timeouts: null,
    });
    expect(state.resources[1].instances.map((i) => i.attributes)).toEqual([
      { bucket: 'a', id: 'paved-offline:module.logs.aws_s3_bucket.this[0]' },
      { id: 'paved-offline:module.logs.aws_s3_bucket.this[1]' },
    ]);
  });

  test('writes placeholders in lower case, as the provider keeps some strings (an RDS maintenance window)', () => {
    const plan: ShownPlan = {
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket.Logs_A1B2', mode: 'managed', type: 'aws_s3_bucket', name: 'Logs_A1B2', provider_name: AWS, schema_version: 1 }] } },
      resource_changes: [{ address: 'aws_s3_bucket.Logs_A1B2', type: 'aws_s3_bucket', change: { actions: ['create'], after_unknown: { id: true, bucket: true } } }],
    };
    expect(baseStateStandIn(plan, SCHEMAS).resources[0].instances[0].attributes).toEqual({ id: 'paved-offline:aws_s3_bucket.logs_a1b2.id', bucket: 'paved-offline:aws_s3_bucket.logs_a1b2.bucket' });
  });

  test('is the same for the same plan', () => {
    expect(JSON.stringify(baseStateStandIn(PLAN, SCHEMAS))).toBe(JSON.stringify(state));
  });

  test('fails when a schema lacks a resource type of the plan, or the plan has no engine version', () => {
    expect(() => baseStateStandIn(PLAN, { [AWS]: { aws_sqs_queue: SCHEMAS[AWS].aws_sqs_queue } }))
      .toThrow(`the schema of provider ${AWS} has no resource type aws_s3_bucket (of module.logs.aws_s3_bucket.this[0])`);
    expect(() => baseStateStandIn({ ...PLAN, terraform_version: undefined }, SCHEMAS)).toThrow('the base\'s plan has no terraform_version, so no state can be written for it');
  });
});

describe('withoutEmptyUpdates', () => {
  test('makes an update that changes no value a no-op, and keeps every other action', () => {
    const plan = withoutEmptyUpdates({
      resource_changes: [
        { address: 'a.same', type: 'a', change: { actions: ['update'], before: { x: 1 }, after: { x: 1 }, after_unknown: {} } },
        { address: 'a.changed', type: 'a', change: { actions: ['update'], before: { x: 1 }, after: { x: 2 }, after_unknown: {} } },
        { address: 'a.unknown', type: 'a', change: { actions: ['update'], before: { x: 1 }, after: { x: 1 }, after_unknown: { y: [true] } } },
        { address: 'a.replaced', type: 'a', change: { actions: ['delete', 'create'], before: { x: 1 }, after: { x: 1 } } },
      ],
    });
    expect(plan.resource_changes!.map((r) => `${r.address} ${r.change.actions}`)).toEqual(['a.same no-op', 'a.changed update', 'a.unknown update', 'a.replaced delete,create']);
  });
});

describe('baseStateStandIn with the stack\'s configuration', () => {
  const queue = (name: string) => ({ address: `aws_sqs_queue.${name}`, mode: 'managed', type: 'aws_sqs_queue', name, provider_name: AWS, schema_version: 0, values: { name } });
  const unknown = (name: string, attributes: readonly string[]) => ({
    address: `aws_sqs_queue.${name}`, type: 'aws_sqs_queue', change: { actions: ['create'], after_unknown: Object.fromEntries(['id', 'arn', ...attributes].map((a) => [a, true])) },
  });
  const plan: ShownPlan = {
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: ['Events', 'Dlq', 'Audit', 'Cycle_A', 'Cycle_B'].map(queue) } },
    resource_changes: [
      unknown('Events', ['kms_master_key_arn', 'urls']),
      unknown('Dlq', ['kms_master_key_arn']),
      unknown('Audit', ['kms_master_key_arn', 'tags_all']),
      unknown('Cycle_A', ['kms_master_key_arn']),
      unknown('Cycle_B', ['kms_master_key_arn']),
    ],
  };
  const configuration: ConfiguredResources = {
    aws_sqs_queue: {
      // Reads the dead-letter queue's configured value, which reads the audit queue's ARN.
      Events: { name: 'Events', kms_master_key_arn: '{"target":"${aws_sqs_queue.Dlq.kms_master_key_arn}"}', urls: ['${aws_sqs_queue.Audit.id}', 'x'] },
      Dlq: { name: 'Dlq', kms_master_key_arn: '${aws_sqs_queue.Audit.arn}' },
      Audit: { name: 'Audit', kms_master_key_arn: '${jsonencode({"a" = aws_sqs_queue.Dlq.arn})}', tags_all: { team: 'payments' } },
      Cycle_A: { name: 'Cycle_A', kms_master_key_arn: '${aws_sqs_queue.Cycle_B.kms_master_key_arn}' },
      Cycle_B: { name: 'Cycle_B', kms_master_key_arn: '${aws_sqs_queue.Cycle_A.kms_master_key_arn}' },
    },
  };
  const attributes = (name: string) => baseStateStandIn(plan, SCHEMAS, configuration).resources.find((r) => r.name === name)!.instances[0].attributes;
  const audit = 'arn:aws:paved-offline::000000000000:aws_sqs_queue.audit.arn';

  test('an unknown attribute the configuration sets with templates of other attributes is their value in the stand-in, in any order', () => {
    expect(attributes('Dlq').kms_master_key_arn).toBe(audit);
    expect(attributes('Events')).toMatchObject({ kms_master_key_arn: `{"target":"${audit}"}`, urls: ['paved-offline:aws_sqs_queue.audit.id', 'x'] });
  });

  test('one needing more than a lookup keeps its placeholder; one without templates is its configured value', () => {
    expect(attributes('Audit')).toMatchObject({ kms_master_key_arn: 'arn:aws:paved-offline::000000000000:aws_sqs_queue.audit.kms_master_key_arn', tags_all: { team: 'payments' } });
  });

  test('attributes that read each other: the first evaluated reads the other\'s placeholder', () => {
    expect(attributes('Cycle_A').kms_master_key_arn).toBe('arn:aws:paved-offline::000000000000:aws_sqs_queue.cycle_b.kms_master_key_arn');
    expect(attributes('Cycle_B').kms_master_key_arn).toBe('arn:aws:paved-offline::000000000000:aws_sqs_queue.cycle_b.kms_master_key_arn');
  });

  test('the same plan and configuration give the same state', () => {
    expect(JSON.stringify(baseStateStandIn(plan, SCHEMAS, configuration))).toBe(JSON.stringify(baseStateStandIn(plan, SCHEMAS, configuration)));
  });
});
