import { posix } from 'path';
import { parseAllDocuments } from 'yaml';
import { KubernetesObject } from './kubernetes-object';
import { chartDefinitionProblem, localChartFile, localHelmCharts } from './local-helm-charts';
import { Environment } from '../../platform/environment';
import type { Platform } from '../../platform/platform';
import { PLATFORM_COMPONENT } from '../../platform/platform';
import { Ownership } from '../../platform/tagging';

/** Something in the output that the guardrails cannot check, so they fail closed on it (`PAVED-PLT-FILE-001`). */
export interface UncheckableChange {
  /** The file, relative to the output directory. */
  readonly location: string;
  /** Who owns the file, by its directory; none for a file outside a service's or the platform's directories. */
  readonly ownership?: Ownership;
  /** The environment the file belongs to, by its path; none for a file of no one environment (catalog). */
  readonly environment?: Environment;
  /** What paved cannot check, and why. */
  readonly message: string;
}

/** A file added with `addFile`, with who owns it (by its directory) and its environment (by its path). */
export interface AddedFile {
  /** The file's path, relative to the output directory, as given to `addFile`. */
  readonly path: string;
  /** The file's text, as given to `addFile`. */
  readonly content: string;
  /** Who owns the file, by its directory; none for a file outside a service's or the platform's directories. */
  readonly ownership?: Ownership;
  /** The environment the file belongs to, by its path; none for a file of no one environment (catalog). */
  readonly environment?: Environment;
}

/** A kustomization (`Kustomization` or `Component`) added with `addFile`. */
export interface AddedKustomization extends AddedFile {
  /** Its directory. */
  readonly directory: string;
  /** The parsed file. */
  readonly spec: Readonly<Record<string, any>>;
}

/** What the files added with `addFile` hold, as the guardrails see it. */
export interface AddedFileArtifacts {
  /** Objects of the YAML and JSON files under `gitops/`. */
  readonly kubernetes: readonly KubernetesObject[];
  /** Entities of the YAML files under `catalog/`. */
  readonly catalog: readonly KubernetesObject[];
  /** Kustomizations and components under `gitops/`, by their directory. */
  readonly kustomizations: ReadonlyMap<string, AddedKustomization>;
  /** Every added file, by path. */
  readonly files: ReadonlyMap<string, AddedFile>;
  /** Added files (or parts of them) the guardrails cannot check, each with why: they fail `PAVED-PLT-FILE-001`. */
  readonly uncheckable: readonly UncheckableChange[];
}

/** The names kustomize reads a kustomization from. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Kinds without a namespace: an added object of another kind that names none goes to its Application's namespace. */
const CLUSTER_SCOPED_KINDS = ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass',
  'PriorityClass', 'IngressClass', 'RuntimeClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService',
  'ClusterSecretStore', 'ClusterIssuer', 'ClusterExternalSecret', 'Node'];

/** Why a file under `terraform/` other than a stack's own `.tf.json` files is uncheckable. */
export const UNCHECKED_TERRAFORM_FILE = 'a file added under terraform/ is checked only as a .tf.json file in the directory of a stack paved renders (Terraform loads it with that stack); '
  + 'declare the resources with constructs or escape hatches, or add them as <stack directory>/<name>.tf.json';

/** Why a file under `catalog/` other than an entity file or a file of a Template's skeleton is uncheckable. */
export const UNCHECKED_CATALOG_FILE = 'a file added under catalog/ is checked only as a YAML (or JSON) file of entities, or accepted as a file of the skeleton of a Template that paved renders '
  + '(catalog/skeletons/<template>/, which that Template fetches as ./skeletons/<template>); give the skeleton to BackstageTemplate, or add entities as .yaml files';

/** Files Argo CD, kustomize and Terraform do not read, which need no check. */
const INERT = /\.(md|txt)$/i;

/**
 * Reads the files added with `platform.addFile` (and `PlatformStack.addFile`): YAML (and JSON)
 * under `gitops/` are Kubernetes objects or kustomizations, YAML under `catalog/` are entities. A
 * `.tf.json` file directly in the directory of a rendered stack is checked with that stack (see
 * `withExtraFiles`); the templates of a local Helm chart in a stack's directory (see
 * `localHelmCharts`) are Kubernetes objects of the stack's environment, owned by the stack's
 * owner. The files under `catalog/` in one of `templateSkeletons` (see
 * `templateSkeletonDirectories`) are a Template's skeleton, which the scaffolder renders into a
 * pull request and nothing reads from the catalog: accepted as they are. What cannot be parsed,
 * any other file under `gitops/` or `catalog/`, and any other file under `terraform/` is
 * uncheckable.
 *
 * An added file under `gitops/<env>/apps/<component>/` or `gitops/<env>/releases/<component>/` is
 * owned by that component, and its namespaced objects that name no namespace are in the team's
 * namespace (where the component's Application deploys them); anything else under
 * `gitops/<env>/` is owned by the platform.
 */
export function readAddedFiles(
  platform: Platform,
  stackDirectories: ReadonlyMap<string, Ownership>,
  templateSkeletons: ReadonlySet<string>,
): AddedFileArtifacts {
  const kubernetes: KubernetesObject[] = [];
  const catalog: KubernetesObject[] = [];
  const kustomizations = new Map<string, AddedKustomization>();
  const files = new Map<string, AddedFile>();
  const uncheckable: UncheckableChange[] = [];
  const teams = new Map(platform.declaredComponents.map((c) => [c.name, c]));
  const charts = localHelmCharts(platform.additionalFiles.map((f) => f.path), new Set(stackDirectories.keys()));

  for (const { path, content } of platform.additionalFiles) {
    const [root, envName, area, component] = path.split('/');
    if (root !== 'gitops' && root !== 'catalog' && root !== 'terraform') {
      continue;
    }
    const environment = root === 'catalog' ? undefined : platform.environments.find((e) => e.name === envName);
    const declared = (area === 'apps' || area === 'releases') ? teams.get(component) : undefined;
    const stackOwnership = root === 'terraform' ? stackDirectories.get([root, envName, area].join('/')) : undefined;
    const ownership: Ownership | undefined = stackOwnership ?? (environment && {
      platform: platform.name,
      environment: environment.name,
      team: declared?.team ?? PLATFORM_COMPONENT,
      service: declared?.name ?? PLATFORM_COMPONENT,
      goldenPath: declared?.goldenPath ?? 'none',
    });
    const file = { path, content, ownership, environment };
    files.set(path, file);
    const fail = (message: string) => uncheckable.push({ location: path, ownership, environment, message });
    // Helm applies a chart's templates whatever their extension, so a chart's files are judged by the chart's rules.
    const chart = root === 'terraform' ? [...charts].find((c) => path.startsWith(`${c}/`)) : undefined;
    const chartFile = chart === undefined ? undefined : localChartFile(chart, path, content);
    if (chartFile ? chartFile.role === 'inert' : INERT.test(path)) {
      continue;
    }
    if (root === 'catalog' && [...templateSkeletons].some((d) => path.startsWith(`${d}/`))) {
      // Rendered by the scaffolder into a pull request, whose merge synth and the guardrails see; no processor reads it.
      continue;
    }
    if (root === 'terraform' && chart === undefined) {
      if (!(path.endsWith('.tf.json') && stackDirectories.has(posix.dirname(path)))) {
        fail(UNCHECKED_TERRAFORM_FILE);
      }
      continue;
    }
    if (chartFile?.role === 'uncheckable') {
      fail(chartFile.message);
      continue;
    }
    if (root === 'gitops' && !environment) {
      fail(`a file added under gitops/ must be in the directory of an environment (${platform.environments.map((e) => e.name).join(', ')}), so paved knows whose cluster it goes to`);
      continue;
    }
    if (root === 'catalog' && !/\.(ya?ml|json)$/i.test(path)) {
      fail(UNCHECKED_CATALOG_FILE);
      continue;
    }
    if (!/\.(ya?ml|json)$/i.test(path) && !KUSTOMIZATION_FILE_NAMES.includes(posix.basename(path))) {
      fail(`a file added under ${root}/ must be YAML or JSON for paved to check it (Argo CD may render ${posix.extname(path) || 'it'} itself)`);
      continue;
    }
    const documents = parseYaml(content);
    if (typeof documents === 'string') {
      fail(`the file is not YAML that paved can parse (${documents}), so its objects cannot be checked`);
      continue;
    }
    if (chartFile?.role === 'chart') {
      const problem = documents.length === 1 ? chartDefinitionProblem(documents[0]) : 'a Chart.yaml must hold one chart definition';
      if (problem !== undefined) {
        fail(problem);
      }
      continue;
    }
    if (root === 'gitops' && KUSTOMIZATION_FILE_NAMES.includes(posix.basename(path))) {
      if (documents.length !== 1 || !isKustomization(documents[0])) {
        fail('a kustomization file must hold one Kustomization or Component');
      } else {
        kustomizations.set(posix.dirname(path), { ...file, directory: posix.dirname(path), spec: documents[0] });
      }
      continue;
    }
    documents.forEach((document, index) => {
      if (isKustomization(document)) {
        fail(`document ${index + 1} is a ${document.kind}, which kustomize reads only from a file named kustomization.yaml`);
      } else if (typeof document?.kind !== 'string' || typeof document?.apiVersion !== 'string' || typeof document?.metadata?.name !== 'string') {
        fail(`document ${index + 1} is not a Kubernetes object with apiVersion, kind and metadata.name`);
      } else if (chartFile && document.metadata.namespace === undefined && !CLUSTER_SCOPED_KINDS.includes(document.kind)) {
        fail(`document ${index + 1} (${document.kind} '${document.metadata.name}') names no namespace, so Helm puts it in the release's, which paved does not follow; set metadata.namespace`);
      } else if (root === 'catalog') {
        catalog.push(new KubernetesObject(document, path, undefined, undefined));
      } else {
        const namespace = declared && environment?.teamNamespace(declared.team);
        kubernetes.push(new KubernetesObject(inNamespace(document, namespace), path, ownership, environment));
      }
    });
  }
  return { kubernetes, catalog, kustomizations, files, uncheckable };
}

/**
 * The documents of a YAML stream, read as kubectl and Argo CD read manifests (YAML 1.1, so `yes`
 * and `on` are true; merge keys; no duplicate keys), empty ones dropped; or why it cannot be
 * parsed. kustomize reads some words as strings where YAML 1.1 reads booleans: reading them as
 * booleans is the stricter of the two for the rules (`privileged: yes` is privileged).
 */
export function parseYaml(content: string): any[] | string {
  const documents = parseAllDocuments(content, { version: '1.1', merge: true, uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(documents) ? documents : [documents];
  const error = list.flatMap((d) => d.errors)[0];
  if (error) {
    return error.message.split('\n')[0];
  }
  return list.map((d) => d.toJS({ maxAliasCount: 100 })).filter((d) => d !== null && d !== undefined);
}

/**
 * `document` in `namespace` when it names none and is namespaced: Argo CD deploys it to the
 * namespace of the Application of its directory, the component's team namespace.
 */
function inNamespace(document: any, namespace: string | undefined): any {
  if (namespace === undefined || document.metadata.namespace !== undefined || CLUSTER_SCOPED_KINDS.includes(document.kind)) {
    return document;
  }
  return { ...document, metadata: { ...document.metadata, namespace } };
}

function isKustomization(document: any): boolean {
  return typeof document?.apiVersion === 'string' && document.apiVersion.startsWith('kustomize.config.k8s.io/')
    && (document.kind === 'Kustomization' || document.kind === 'Component');
}
