/**
 * The benchmark's comparison app: the resources of a paved synth, written directly against cdktf
 * and cdk8s, for the official `cdktf synth` (run by ts-node, as `cdktf init` sets up an app).
 *
 * It reads `input.json` (written by the benchmark from paved's output): every Terraform stack
 * as JSON and every Kubernetes object of every service and environment. Each resource, data
 * source, provider and output becomes its provider-package class (deep import, found by its
 * Terraform type) with the same configuration; each Kubernetes object becomes a cdk8s
 * `ApiObject` in one chart per directory; then both apps synthesize as usual.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, App as KubernetesApp, Chart } from 'cdk8s';
import { App, LocalBackend, S3Backend, TerraformElement, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/** What the benchmark writes for this app. */
interface BenchInput {
  readonly stacks: readonly { readonly name: string; readonly json: TerraformJson }[];
  readonly charts: readonly { readonly name: string; readonly objects: readonly any[] }[];
}

type Blocks = Record<string, Record<string, any>>;

interface TerraformJson {
  readonly terraform: { readonly backend: Record<string, any> };
  readonly provider?: Record<string, readonly any[]>;
  readonly resource?: Blocks;
  readonly data?: Blocks;
  readonly locals?: Record<string, any>;
  readonly output?: Record<string, any>;
}

type ElementClass = new (scope: Construct, id: string, config: any) => TerraformElement;

/** Where each provider's generated classes live. */
const PROVIDER_PACKAGES: Record<string, string> = {
  aws: '@cdktf/provider-aws',
  kubernetes: '@cdktf/provider-kubernetes',
};

const input: BenchInput = JSON.parse(readFileSync(join(__dirname, 'input.json'), 'utf8'));

const app = new App();
for (const { name, json } of input.stacks) {
  const stack = new TerraformStack(app, name);
  const { local, s3 } = json.terraform.backend;
  if (local) {
    new LocalBackend(stack, camelCase(local));
  } else {
    new S3Backend(stack, camelCase(s3));
  }
  for (const [provider, configs] of Object.entries(json.provider ?? {})) {
    const Provider = classOf(provider, 'provider', 'provider');
    configs.forEach((config) => new Provider(stack, config.alias ?? provider, camelCase(config)));
  }
  addBlocks(stack, json.data ?? {}, (type) => classOf(type, `data-${type.replace(/_/g, '-')}`, `data.${type}`));
  addBlocks(stack, json.resource ?? {}, (type) => classOf(type, type.replace(/^[a-z0-9]+_/, '').replace(/_/g, '-'), type));
  for (const [id, value] of Object.entries(json.locals ?? {})) {
    new TerraformLocal(stack, id, value).overrideLogicalId(id);
  }
  for (const [id, { value, description, sensitive }] of Object.entries(json.output ?? {})) {
    new TerraformOutput(stack, id, { value, description, sensitive }).overrideLogicalId(id);
  }
}

const kubernetes = new KubernetesApp({ outdir: join(__dirname, 'cdk8s.out') });
for (const { name, objects } of input.charts) {
  const chart = new Chart(kubernetes, name.replace(/\//g, '-'));
  objects.forEach((object, i) => new ApiObject(chart, `${object.kind}-${i}`, object));
}

app.synth();
kubernetes.synth();

/** Adds every block of `blocks` (`{ type: { logicalId: config } }`) under its own logical id. */
function addBlocks(stack: TerraformStack, blocks: Blocks, classFor: (type: string) => ElementClass): void {
  for (const [type, byId] of Object.entries(blocks)) {
    const Element = classFor(type);
    for (const [id, { '//': _metadata, depends_on: dependsOn, ...config }] of Object.entries(byId)) {
      const element = new Element(stack, id, camelCase(config));
      element.overrideLogicalId(id);
      if (dependsOn) {
        element.addOverride('depends_on', dependsOn);
      }
    }
  }
}

/** The class of Terraform type `type` from its provider package: `lib/<module>`, by `tfResourceType`. */
function classOf(type: string, module: string, description: string): ElementClass {
  const provider = type.split('_')[0];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports: Record<string, any> = require(`${PROVIDER_PACKAGES[provider]}/lib/${module}`);
  const found = Object.values(exports).find((c) => c?.tfResourceType === (module === 'provider' ? provider : type));
  if (!found) {
    throw new Error(`no class for ${description} in ${PROVIDER_PACKAGES[provider]}/lib/${module}`);
  }
  return found;
}

/** Terraform's snake_case attribute names as the classes' camelCase props; map keys (tags) stay. */
function camelCase(value: any): any {
  if (Array.isArray(value)) {
    return value.map(camelCase);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const props: Record<string, any> = {};
  for (const [key, v] of Object.entries(value)) {
    props[/^[a-z][a-z0-9_]*$/.test(key) ? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key] = camelCase(v);
  }
  return props;
}
