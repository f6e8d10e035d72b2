/**
 * Platform cases of the rules that close bypasses: files added with `addFile` that paved cannot
 * check, and Argo CD Applications and ApplicationSets that leave their team's scope.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import { RuleCase, Setup, addYamlFile, at, checkout, complies, violates } from './rule-case';
import { ArgoCdApplication, ArgoCdProject, BackstageTemplate, ClusterBootstrap, Image, PreviewApplicationSet, RootApplication, SecureWorkload, TeamTenancy } from '../../../constructs';
import { rootApplicationManifest } from '../../../constructs/argocd/root-application';
import { Platform } from '../../../src';
import { UNCHECKED_CATALOG_FILE, UNCHECKED_TERRAFORM_FILE } from '../../../src/policy/artifacts/added-files';

const IMAGE = Image.fromTag('111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout', '1.4.2');
const APP = 'gitops/dev/argocd/application-checkout-dev.yaml';
const APPSET = 'gitops/dev/argocd/applicationset-checkout-previews.yaml';
const COMPONENT = { apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component' };

/** The `checkout` workload with the release component golden paths write, holding `component`. */
function released(platform: Platform, component: Record<string, unknown> = { images: [{ name: IMAGE.repository, newTag: '1.4.2' }] }): void {
  const chart = checkout(platform).chart;
  new SecureWorkload(chart, 'Workload', { image: IMAGE });
  chart.addKustomizeComponent('../../releases/checkout');
  addYamlFile(platform, 'gitops/dev/releases/checkout/kustomization.yaml', { ...COMPONENT, ...component });
}

const RELEASED: Setup = {
  title: 'a SecureWorkload with the release component golden paths write (images only), an added README and a CI workflow',
  build: (platform) => {
    released(platform);
    platform.addFile('gitops/README.md', '# GitOps\n');
    platform.addFile('ci/checkout.yml', 'on: push\n');
  },
};

/** `checkout`'s tenancy, AppProject (with previews), Application and preview ApplicationSet, and the platform's own Applications. */
function delivered(platform: Platform): { application: ArgoCdApplication; previews: PreviewApplicationSet; project: ArgoCdProject } {
  const argoCd = platform.argoCdChart('dev');
  new TeamTenancy(platform.placement('platform', 'dev').chart, 'Tenancy-payments', { team: 'payments' });
  const project = ArgoCdProject.forTeam(argoCd, 'payments', { previews: true });
  new SecureWorkload(checkout(platform).chart, 'Workload', { image: IMAGE });
  const application = new ArgoCdApplication(argoCd, 'Checkout', { component: 'checkout' });
  const previews = new PreviewApplicationSet(argoCd, 'Previews', { component: 'checkout', repository: 'acme/checkout', imageRepository: IMAGE.repository });
  new ArgoCdApplication(argoCd, 'Platform', { component: 'platform', project: 'default' });
  new RootApplication(argoCd, 'Root-dev');
  return { application, previews, project };
}

const DELIVERED: Setup = {
  title: "a team's AppProject, an Application and a preview ApplicationSet of its service, the platform's Application and the root Application",
  build: delivered,
};

const PATH_SPELLINGS: Setup = {
  title: "the Application's repository and path spelled differently: host in capitals, no .git, './', a detour through '..' and a trailing '/'",
  build: (platform) => ApiObject.of(delivered(platform).application.resource).addJsonPatch(
    JsonPatch.replace('/spec/source/repoUrl', 'https://GitHub.com/acme/gitops/'),
    JsonPatch.replace('/spec/source/path', './dev/apps/../apps/checkout/')),
};

/** The local chart of dev's cluster bootstrap, in the stack `argocd-dev`. */
const BOOTSTRAP_CHART = 'terraform/dev/argocd-dev/root-application';

/** dev's cluster bootstrap, with its root Application changed by `change`; the bootstrap's stack. */
function bootstrapped(platform: Platform, change: (application: Record<string, any>) => Record<string, any> = (a) => a) {
  const stack = ClusterBootstrap.stackOf(platform, 'dev');
  new ClusterBootstrap(stack, 'Bootstrap', { rootApplication: change(rootApplicationManifest(platform, 'dev')) });
  return stack;
}

const BOOTSTRAPPED: Setup = {
  title: 'the cluster bootstrap, its root Application in the local chart of the bootstrap stack',
  build: (platform) => {
    bootstrapped(platform);
  },
};

/** A scaffolder Template of the node-api golden path with its skeleton, a declaration and a YAML file, written beside it. */
function templated(platform: Platform, options: { readonly skeletonUrl?: string } = {}): BackstageTemplate {
  return new BackstageTemplate(platform.catalogChart(), 'Template-node-api', {
    goldenPath: 'node-api',
    title: 'Node.js API',
    description: 'An API',
    owner: 'payments',
    platformRepository: 'acme/platform',
    ...(options.skeletonUrl === undefined
      ? { skeleton: { '${{ values.name }}.ts': 'export default () => undefined;\n', 'catalog-info.yaml': 'name: ${{ values.name }}\n' } }
      : { skeletonUrl: options.skeletonUrl }),
  });
}

const TEMPLATED: Setup = {
  title: 'a scaffolder Template with its skeleton (a TypeScript declaration and a templated YAML file) written beside it',
  build: (platform) => {
    templated(platform);
  },
};

/** JSON patches of the generated Argo CD classes name the props (`repoUrl`), which the class then renders (`repoURL`). */
export const PLATFORM_BYPASS_CASES: readonly RuleCase[] = [
  ...complies(RELEASED, 'PAVED-PLT-FILE-001'),
  violates('PAVED-PLT-FILE-001', 'an added Terraform file outside any stack directory, and a file under gitops/ that is not YAML',
    (platform) => {
      released(platform);
      platform.addFile('terraform/dev/elsewhere/main.tf.json', '{"resource": {}}');
      platform.addFile('gitops/dev/apps/checkout/extra.jsonnet', '{}');
    },
    ...at('gitops/dev/apps/checkout/extra.jsonnet', 'a file added under gitops/ must be YAML or JSON for paved to check it (Argo CD may render .jsonnet itself)'),
    ...at('terraform/dev/elsewhere/main.tf.json', UNCHECKED_TERRAFORM_FILE)),
  ...complies(TEMPLATED, 'PAVED-PLT-FILE-001'),
  violates('PAVED-PLT-FILE-001', 'files under catalog/ that are no entity files: one in the skeleton directory of a Template that fetches its skeleton elsewhere, one of no Template, one beside the entities',
    (platform) => {
      templated(platform, { skeletonUrl: 'https://github.com/acme/templates/tree/main/node-api' });
      platform.addFile('catalog/skeletons/node-api/${{ values.name }}.ts', 'export default () => undefined;\n');
      platform.addFile('catalog/skeletons/python-worker/worker.py', 'print("hi")\n');
      platform.addFile('catalog/extra.ts', 'export {};\n');
    },
    ...at('catalog/extra.ts', UNCHECKED_CATALOG_FILE),
    ...at('catalog/skeletons/node-api/${{ values.name }}.ts', UNCHECKED_CATALOG_FILE),
    ...at('catalog/skeletons/python-worker/worker.py', UNCHECKED_CATALOG_FILE)),
  ...complies(BOOTSTRAPPED, 'PAVED-PLT-FILE-001'),
  violates('PAVED-PLT-FILE-001', 'a local chart of a stack with values, a helper, a templated template, a template named .txt, a dependency and an object that names no namespace (its README and NOTES.txt are fine)',
    (platform) => {
      const stack = bootstrapped(platform);
      stack.addFile('root-application/values.yaml', 'replicas: 2\n');
      stack.addFile('root-application/README.md', '# The root Application\n');
      stack.addFile('root-application/templates/NOTES.txt', 'Argo CD now syncs the root app.\n');
      stack.addFile('root-application/templates/pod.txt', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: argocd\n');
      stack.addFile('root-application/templates/_helpers.tpl', '{{- define "x" -}}{{- end -}}\n');
      stack.addFile('root-application/templates/config.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: argocd\n');
      stack.addFile('root-application/templates/secret-reader.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: reader\n');
      stack.addFile('other/Chart.yaml', 'apiVersion: v2\nname: other\nversion: 1.0.0\ndependencies:\n  - name: anything\n    repository: https://charts.example.com\n    version: 1.0.0\n');
    },
    ...at('terraform/dev/argocd-dev/other/Chart.yaml', 'Chart.yaml has dependencies, charts Helm would fetch and apply without paved seeing them; install them with helm_release resources of their own'),
    ...at(`${BOOTSTRAP_CHART}/templates/_helpers.tpl`, 'a local Helm chart is checked only as a Chart.yaml and plain templates/<name>.yaml files (Helm would apply what templates/_helpers.tpl makes without paved seeing it); put the objects in templates/'),
    ...at(`${BOOTSTRAP_CHART}/templates/config.yaml`, 'the template holds Helm template directives ({{ ... }}), which Helm renders and paved cannot; write the objects out in full'),
    ...at(`${BOOTSTRAP_CHART}/templates/pod.txt`, 'a local Helm chart is checked only as a Chart.yaml and plain templates/<name>.yaml files (Helm would apply what templates/pod.txt makes without paved seeing it); put the objects in templates/'),
    ...at(`${BOOTSTRAP_CHART}/templates/secret-reader.yaml`, "document 1 (ServiceAccount 'reader') names no namespace, so Helm puts it in the release's, which paved does not follow; set metadata.namespace"),
    ...at(`${BOOTSTRAP_CHART}/values.yaml`, 'a local Helm chart is checked only as a Chart.yaml and plain templates/<name>.yaml files (Helm would apply what values.yaml makes without paved seeing it); put the objects in templates/')),
  violates('PAVED-PLT-FILE-001', 'an added manifest that does not parse, and one outside any environment',
    (platform) => {
      released(platform);
      platform.addFile('gitops/dev/apps/checkout/broken.yaml', 'kind: Deployment\nmetadata: {name: a\n');
      addYamlFile(platform, 'gitops/qa/configmap.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    },
    ...at('gitops/dev/apps/checkout/broken.yaml', expect.stringMatching(/^the file is not YAML that paved can parse \(.+\), so its objects cannot be checked$/) as unknown as string),
    ...at('gitops/qa/configmap.yaml', 'a file added under gitops/ must be in the directory of an environment (dev, staging, prod), so paved knows whose cluster it goes to')),
  violates('PAVED-PLT-FILE-001', 'the release component renaming objects, pulling a remote base and patching by label selector',
    (platform) => released(platform, {
      namePrefix: 'x-',
      resources: ['https://github.com/evil/base?ref=main'],
      patches: [{ target: { kind: 'Deployment', labelSelector: 'app=checkout' }, patch: '[{"op": "add", "path": "/spec/template/spec/hostPID", "value": true}]' }],
    }),
    ...at('gitops/dev/releases/checkout/kustomization.yaml',
      'a patches entry has no target by kind and name that paved can resolve (got {"kind":"Deployment","labelSelector":"app=checkout"}), so what it changes cannot be checked',
      'the kustomization adds the resource "https://github.com/evil/base?ref=main", which is not a file paved writes, so its objects cannot be checked; add them with constructs or with addFile',
      "the kustomization sets 'namePrefix', which changes objects in a way paved cannot check; change the objects through their constructs (or escape hatches on them) instead")),
  violates('PAVED-PLT-FILE-001', 'a chart including a component paved does not write, and a patch that cannot apply',
    (platform) => {
      released(platform, { patchesJson6902: [{ target: { kind: 'Deployment', name: 'checkout' }, patch: '[{"op": "replace", "path": "/spec/nothing/here", "value": 1}]' }] });
      checkout(platform).chart.addKustomizeComponent('../../../../elsewhere');
    },
    ...at('gitops/dev/apps/checkout/kustomization.yaml', 'the kustomization includes the component "../../../../elsewhere", where paved writes no kustomization, so what it changes cannot be checked; add it with addFile'),
    ...at('gitops/dev/releases/checkout/kustomization.yaml', "a patchesJson6902 entry cannot be applied to Deployment 'checkout' by paved: operation 1 (replace /spec/nothing/here) names \"nothing\", which does not exist")),

  ...complies(DELIVERED, 'PAVED-PLT-ARGO-001'),
  ...complies(BOOTSTRAPPED, 'PAVED-PLT-ARGO-001'),
  violates('PAVED-PLT-ARGO-001', 'the root Application of the cluster bootstrap sent to another cluster',
    (platform) => {
      bootstrapped(platform, (application) => ({ ...application, spec: { ...application.spec, destination: { server: 'https://prod.acme.example:6443', namespace: 'argocd' } } }));
    },
    ...at(`${BOOTSTRAP_CHART}/templates/root-application.yaml`, "Application 'argocd-dev' deploys to cluster \"https://prod.acme.example:6443\", not its own (https://kubernetes.default.svc)")),
  ...complies(PATH_SPELLINGS, 'PAVED-PLT-ARGO-001'),
  violates('PAVED-PLT-ARGO-001', "a second source from another repository's Helm chart, and a path that climbs into the platform's directory",
    (platform) => ApiObject.of(delivered(platform).application.resource).addJsonPatch(
      JsonPatch.replace('/spec/source/path', './dev/apps/checkout/../platform/'),
      JsonPatch.add('/spec/sources', [{ repoUrl: 'https://charts.example.com', chart: 'anything', targetRevision: '1.0.0' }])),
    ...at(APP,
      "Application 'checkout-dev' deploys source 1 from path \"./dev/apps/checkout/../platform/\", outside the directories of team 'payments' in this cluster",
      "Application 'checkout-dev' deploys source 2 from path null, outside the directories of team 'payments' in this cluster",
      "Application 'checkout-dev' deploys source 2 from repository \"https://charts.example.com\", not the GitOps repository https://github.com/acme/gitops.git",
      "Application 'checkout-dev' deploys source 2 from the Helm chart \"anything\", which paved does not render or check")),
  violates('PAVED-PLT-ARGO-001', 'the Application sent to another cluster by server and by name, from an absolute path',
    (platform) => ApiObject.of(delivered(platform).application.resource).addJsonPatch(
      JsonPatch.replace('/spec/destination/server', 'https://prod.acme.example:6443'),
      JsonPatch.replace('/spec/source/path', '/dev/apps/checkout')),
    ...at(APP,
      "Application 'checkout-dev' deploys its source from path \"/dev/apps/checkout\", outside the directories of team 'payments' in this cluster",
      "Application 'checkout-dev' deploys to cluster \"https://prod.acme.example:6443\", not its own (https://kubernetes.default.svc)")),
  violates('PAVED-PLT-ARGO-001', "the preview ApplicationSet's Applications moved to another team's project",
    (platform) => ApiObject.of(delivered(platform).previews.resource).addJsonPatch(JsonPatch.replace('/spec/template/spec/project', 'web')),
    ...at(APPSET,
      "ApplicationSet 'checkout-previews' (its template) deploys its source from path \"dev/apps/checkout\", outside the directories of team 'web' in this cluster",
      "ApplicationSet 'checkout-previews' (its template) deploys to namespace \"payments-preview-checkout-{{ .number }}\", not one of team 'web'",
      "ApplicationSet 'checkout-previews' (its template) moves the objects of its source to namespace \"payments-preview-checkout-{{ .number }}\" with kustomize.namespace, not one of team 'web'")),
  violates('PAVED-PLT-ARGO-001', "an added file with an Application in the platform's project, owned by the team whose directory holds it",
    (platform) => {
      delivered(platform);
      addYamlFile(platform, 'gitops/dev/apps/checkout/extra/app.yaml', {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'sneaky', namespace: 'argocd' },
        spec: { project: 'default', source: { repoURL: 'https://github.com/acme/gitops.git', path: 'dev/apps/platform' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'kube-system' } },
      });
    },
    ...at('gitops/dev/apps/checkout/extra/app.yaml',
      "Application 'sneaky' uses project \"default\" and is owned by team 'payments', so it is neither the platform's own (project 'default' or 'platform') nor a team's (the project of its team); it cannot be attributed")),
  violates('PAVED-PLT-ARGO-001', 'an added ApplicationSet with a templatePatch, kustomize patches, a directory source and privileged namespaces',
    (platform) => {
      delivered(platform);
      addYamlFile(platform, 'gitops/dev/argocd/extra/previews.yaml', {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'more-previews', namespace: 'argocd' },
        spec: {
          generators: [{ list: { elements: [{ n: '1' }] } }],
          templatePatch: '{"spec": {"project": "default"}}',
          template: {
            metadata: { name: 'checkout-more-{{ .n }}' },
            spec: {
              project: 'payments',
              sources: [
                { repoURL: 'https://github.com/acme/gitops.git', path: 'dev/apps/checkout', kustomize: { patches: [{ patch: 'privileged' }], namespace: 'kube-system' } },
                { repoURL: 'https://github.com/acme/gitops.git', path: 'dev/apps/checkout', directory: { recurse: true } },
              ],
              destination: { server: 'https://kubernetes.default.svc', namespace: 'payments-preview-checkout-{{ .n }}' },
              syncPolicy: { managedNamespaceMetadata: { labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } },
            },
          },
        },
      });
    },
    ...at('gitops/dev/argocd/extra/previews.yaml',
      "ApplicationSet 'more-previews' (its template) is changed by a templatePatch, which paved cannot check; put everything in the template",
      "ApplicationSet 'more-previews' (its template) labels the namespaces it creates pod-security.kubernetes.io/enforce=\"privileged\", weaker than restricted",
      "ApplicationSet 'more-previews' (its template) moves the objects of source 1 to namespace \"kube-system\" with kustomize.namespace, not one of team 'payments'",
      "ApplicationSet 'more-previews' (its template) sets directory on source 2, which changes what it deploys in a way paved cannot check",
      "ApplicationSet 'more-previews' (its template) sets kustomize.patches on source 1, which changes what it deploys in a way paved cannot check")),
  violates('PAVED-PLT-ARGO-001', "the team's AppProject opened to every cluster, other namespaces' Applications, tenancy kinds and more role actions; and a project of no team",
    (platform) => {
      ApiObject.of(delivered(platform).project.resource).addJsonPatch(
        JsonPatch.add('/spec/destinations/-', { server: '*', namespace: 'payments' }),
        JsonPatch.remove('/spec/namespaceResourceBlacklist'),
        JsonPatch.add('/spec/sourceNamespaces', ['*']),
        JsonPatch.add('/spec/roles/0/policies/-', 'p, proj:payments:team, applications, *, payments/*, allow'));
      new ApiObject(platform.argoCdChart('dev'), 'Everything', { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'everything' }, spec: {} } as any);
    },
    ...at('gitops/dev/argocd/appproject-everything.yaml', "AppProject 'everything' is not the project of a team ('payments', 'web'); paved's own Applications use the built-in 'default' project or the platform's 'platform' project"),
    ...at('gitops/dev/argocd/appproject-payments.yaml',
      "AppProject 'payments' allows destination cluster \"*\"",
      "AppProject 'payments' does not deny the namespaced kind LimitRange, which tenancy owns",
      "AppProject 'payments' does not deny the namespaced kind ResourceQuota, which tenancy owns",
      "AppProject 'payments' has the role policy \"p, proj:payments:team, applications, *, payments/*, allow\", more than getting and syncing its own Applications",
      "AppProject 'payments' lets Applications in the namespaces [\"*\"] use it")),
];
