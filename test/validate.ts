/**
 * Validation of synthesized output with upstream schemas: Kubernetes objects by apiVersion and
 * kind with kubernetes-models and its Argo CD, Prometheus Operator and External Secrets
 * packages; catalog entities with Backstage's own validators.
 */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import * as catalogModel from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { parseAllDocuments } from 'yaml';
import { readTree } from './util';

/** A manifest to validate, with the file it came from (for messages). */
export interface ManifestFile {
  readonly file: string;
  readonly object: any;
}

/** The model packages by API group, loaded in-process (CommonJS builds). */
const MODEL_PACKAGES: Readonly<Record<string, string>> = {
  'argoproj.io': '@kubernetes-models/argo-cd',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

/** API groups validated in a child Node process, because their validator is ESM-only. */
const ESM_GROUPS = new Set(['external-secrets.io']);

function modelModule(apiVersion: string, kind: string): string {
  const parts = apiVersion.split('/');
  if (parts.length === 1) {
    return `kubernetes-models/${apiVersion}/${kind}`;
  }
  const [group, version] = parts;
  const pkg = MODEL_PACKAGES[group] ?? (group.endsWith('.k8s.io') || !group.includes('.') ? 'kubernetes-models' : undefined);
  if (pkg === undefined) {
    throw new Error(`no validator for API group '${group}'`);
  }
  return `${pkg}/${group}/${version}/${kind}`;
}

function validateInProcess({ file, object }: ManifestFile): string[] {
  let Model: (new (data: unknown) => { validate(): void }) | undefined;
  try {
    // The module depends on the object's apiVersion and kind, so it is found at run time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Model = require(modelModule(object.apiVersion, object.kind))[object.kind];
  } catch (error) {
    return [`${file}: unknown kind ${object.apiVersion} ${object.kind} (${(error as Error).message.split('\n')[0]})`];
  }
  if (typeof Model !== 'function') {
    return [`${file}: unknown kind ${object.apiVersion} ${object.kind}`];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${file}: ${(error as Error).message}`];
  }
}

function validateInChildProcess(manifests: readonly ManifestFile[]): string[] {
  if (manifests.length === 0) {
    return [];
  }
  const result = spawnSync(process.execPath, [join(__dirname, 'validate-external-secrets.mjs')], {
    input: JSON.stringify(manifests),
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`the External Secrets validator failed:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

/**
 * Problems of Kubernetes manifests against their upstream schemas; a kind without a schema is
 * a problem too.
 */
export function validateManifests(manifests: readonly ManifestFile[]): string[] {
  const esm = manifests.filter((m) => ESM_GROUPS.has(String(m.object?.apiVersion).split('/')[0]));
  return [
    ...manifests.filter((m) => !esm.includes(m)).flatMap(validateInProcess),
    ...validateInChildProcess(esm),
  ];
}


const ENTITY_POLICY = catalogModel.EntityPolicies.allOf([
  new catalogModel.DefaultNamespaceEntityPolicy(),
  new catalogModel.NoForeignRootFieldsEntityPolicy(),
  new catalogModel.FieldFormatEntityPolicy(),
  new catalogModel.SchemaValidEntityPolicy(),
]);

const KIND_VALIDATORS = [
  catalogModel.apiEntityV1alpha1Validator,
  catalogModel.componentEntityV1alpha1Validator,
  catalogModel.groupEntityV1alpha1Validator,
  catalogModel.locationEntityV1alpha1Validator,
  catalogModel.resourceEntityV1alpha1Validator,
  catalogModel.systemEntityV1alpha1Validator,
  templateEntityV1beta3Validator,
];

/**
 * Backstage resolves `$text`, `$json` and `$yaml` placeholders before it validates an entity;
 * this stands in for that step.
 */
function resolvePlaceholders(value: any): any {
  if (Array.isArray(value)) {
    return value.map(resolvePlaceholders);
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && ['$text', '$json', '$yaml'].includes(keys[0])) {
      return `resolved from ${value[keys[0]]}`;
    }
    return Object.fromEntries(keys.map((k) => [k, resolvePlaceholders(value[k])]));
  }
  return value;
}

/** Problems of catalog entities, by Backstage's entity policies and kind validators. */
export async function validateEntities(entities: readonly ManifestFile[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { file, object } of entities) {
    const entity = resolvePlaceholders(object);
    try {
      await ENTITY_POLICY.enforce(entity);
      const matches = await Promise.all(KIND_VALIDATORS.map((v) => v.check(entity)));
      if (!matches.includes(true)) {
        problems.push(`${file}: unknown entity kind ${entity.apiVersion} ${entity.kind}`);
      }
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** Every YAML document under `dir` (kustomization files left out), by relative file path. */
export function readManifests(dir: string): ManifestFile[] {
  if (!existsSync(dir)) {
    return [];
  }
  return [...readTree(dir).entries()]
    .filter(([path]) => path.endsWith('.yaml') && !path.endsWith('kustomization.yaml'))
    .flatMap(([path, content]) => parseAllDocuments(content).map((doc) => ({ file: path, object: doc.toJSON() })));
}

/**
 * Every problem in a synth output directory: each manifest under `gitops/` and each template of a
 * stack's local Helm chart under `terraform/` against its upstream schema, each entity under
 * `catalog/` against the Backstage validators.
 */
export async function validateSynthOutput(outdir: string): Promise<string[]> {
  const prefix = (dir: string) => (m: ManifestFile) => ({ ...m, file: `${dir}/${m.file}` });
  const chartTemplates = readManifests(join(outdir, 'terraform')).filter((m) => /\/templates\/[^/]+\.yaml$/.test(m.file));
  return [
    ...validateManifests(readManifests(join(outdir, 'gitops')).map(prefix('gitops'))),
    ...validateManifests(chartTemplates.map(prefix('terraform'))),
    ...await validateEntities(readManifests(join(outdir, 'catalog')).map(prefix('catalog'))),
  ];
}

const KUBECTL = process.env.PAVED_KUBECTL ?? '/usr/bin/kubectl';

/** Whether kubectl is here; when it is not, say so loudly: the tests that need it are skipped. */
export function kubectlAvailable(): boolean {
  const available = existsSync(KUBECTL);
  if (!available) {
    process.stderr.write(`\n*** SKIPPING kustomize tests: ${KUBECTL} is missing. ***\n\n`);
  }
  return available;
}

/** Runs `kubectl kustomize dir`; throws with kubectl's output when it fails. */
export function kustomize(dir: string): string {
  const result = spawnSync(KUBECTL, ['kustomize', dir], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`kubectl kustomize ${dir} failed:\n${result.stderr}`);
  }
  return result.stdout;
}

/** `describe`, or a loudly skipped `describe.skip` where kubectl is missing. */
export const describeWithKubectl: jest.Describe = kubectlAvailable() ? describe : describe.skip;
