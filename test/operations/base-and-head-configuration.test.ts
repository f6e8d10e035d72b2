import { mkdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { BASE_AND_HEAD_FILE, BASE_MODULE, HEAD_MODULE, ShownPlan, TerraformState, baseAndHeadState, modulePlan, writeBaseAndHeadConfiguration } from '../../src';
import { tempDir } from '../util';

describe('writeBaseAndHeadConfiguration', () => {
  test('calls the base\'s copy and the head\'s as modules by relative paths, with a local state', () => {
    const root = tempDir();
    const dir = join(root, '.base', 'dev', 'checkout-dev');
    mkdirSync(dir, { recursive: true });
    writeBaseAndHeadConfiguration(dir, join(dir, 'base'), join(root, 'dev', 'checkout-dev'));
    expect(JSON.parse(readFileSync(join(dir, BASE_AND_HEAD_FILE), 'utf8'))).toEqual({
      terraform: { backend: { local: { path: 'terraform.tfstate' } } },
      module: { base: { source: './base' }, head: { source: '../../../dev/checkout-dev' } },
    });
  });
});

describe('baseAndHeadState', () => {
  test('puts every resource of the state in both modules, with the module\'s own provider', () => {
    const state: TerraformState = {
      version: 4,
      terraform_version: '1.11.4',
      serial: 1,
      lineage: 'l',
      outputs: {},
      resources: [
        { mode: 'managed', type: 'aws_sqs_queue', name: 'q', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 0, attributes: { id: 'q' } }] },
        { module: 'module.x', mode: 'managed', type: 'aws_s3_bucket', name: 'b', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 0, attributes: { id: 'b' } }] },
      ],
    };
    expect(baseAndHeadState(state).resources.map((r) => `${r.module} ${r.type} ${r.provider}`)).toEqual([
      'module.base aws_sqs_queue module.base.provider["registry.terraform.io/hashicorp/aws"]',
      'module.base.module.x aws_s3_bucket module.base.provider["registry.terraform.io/hashicorp/aws"]',
      'module.head aws_sqs_queue module.head.provider["registry.terraform.io/hashicorp/aws"]',
      'module.head.module.x aws_s3_bucket module.head.provider["registry.terraform.io/hashicorp/aws"]',
    ]);
    expect(baseAndHeadState(state)).toMatchObject({ version: 4, terraform_version: '1.11.4', lineage: 'l' });
  });
});

describe('modulePlan', () => {
  const resource = (address: string, name: string) => ({ address, mode: 'managed', type: 'aws_sqs_queue', name, provider_name: 'aws', schema_version: 0, values: { name } });
  const plan: ShownPlan = {
    terraform_version: '1.11.4',
    planned_values: {
      root_module: {
        child_modules: [
          { address: 'module.base', resources: [resource('module.base.aws_sqs_queue.q', 'q')] },
          {
            address: 'module.head',
            resources: [resource('module.head.aws_sqs_queue.q', 'q')],
            child_modules: [{ address: 'module.head.module.x', resources: [resource('module.head.module.x.aws_sqs_queue.r["a"]', 'r')] }],
          },
        ],
      },
    },
    resource_changes: [
      { address: 'module.base.aws_sqs_queue.q', module_address: 'module.base', type: 'aws_sqs_queue', change: { actions: ['no-op'] } },
      { address: 'module.head.aws_sqs_queue.q', module_address: 'module.head', previous_address: 'module.head.aws_sqs_queue.old', type: 'aws_sqs_queue', change: { actions: ['update'] } },
      { address: 'module.head.module.x.aws_sqs_queue.r["a"]', module_address: 'module.head.module.x', type: 'aws_sqs_queue', change: { actions: ['create'] } },
    ],
  };

  test('the head\'s part, with addresses as a plan of the head alone has them', () => {
    expect(modulePlan(plan, HEAD_MODULE)).toEqual({
      terraform_version: '1.11.4',
      planned_values: {
        root_module: {
          resources: [resource('aws_sqs_queue.q', 'q')],
          child_modules: [{ address: 'module.x', resources: [resource('module.x.aws_sqs_queue.r["a"]', 'r')] }],
        },
      },
      resource_changes: [
        { address: 'aws_sqs_queue.q', previous_address: 'aws_sqs_queue.old', type: 'aws_sqs_queue', change: { actions: ['update'] } },
        { address: 'module.x.aws_sqs_queue.r["a"]', module_address: 'module.x', type: 'aws_sqs_queue', change: { actions: ['create'] } },
      ],
    });
  });

  test('the base\'s part; a module the plan lacks has no resources', () => {
    expect(modulePlan(plan, BASE_MODULE)).toEqual({
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: [resource('aws_sqs_queue.q', 'q')] } },
      resource_changes: [{ address: 'aws_sqs_queue.q', type: 'aws_sqs_queue', change: { actions: ['no-op'] } }],
    });
    expect(modulePlan(plan, 'module.other')).toEqual({ terraform_version: '1.11.4', resource_changes: [] });
  });
});
