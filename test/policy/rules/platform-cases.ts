import { ApiObject, JsonPatch } from 'cdk8s';
import { PLATFORM_BYPASS_CASES } from './platform-bypass-cases';
import { RuleCase, Setup, at, checkout, complies, violates } from './rule-case';
import { ArgoCdApplication, ArgoCdProject, BackstageComponent, Bucket, Image, SecureWorkload, TeamTenancy } from '../../../constructs';
import { PlatformBaseline } from '../../../golden-paths';
import { Platform } from '../../../src';

const IMAGE = Image.fromTag('111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout', '1.4.2');
const STACK = 'terraform/dev/checkout-dev/cdk.tf.json';

const workload = (platform: Platform) => new SecureWorkload(checkout(platform).chart, 'Workload', { image: IMAGE });
const component = (platform: Platform) => {
  checkout(platform);
  return platform.catalogChart().node.findChild('Component-checkout') as BackstageComponent;
};
const project = (platform: Platform) => ArgoCdProject.forTeam(platform.argoCdChart('dev'), 'payments');
const application = (platform: Platform) => new ArgoCdApplication(platform.argoCdChart('dev'), 'Checkout', { component: 'checkout' });

/** Everything of the service `checkout` in development: its team's tenancy and AppProject, its resources, workload and Application. */
function deliveredService(platform: Platform): void {
  new TeamTenancy(platform.placement('platform', 'dev').chart, 'Tenancy-payments', { team: 'payments' });
  project(platform);
  new Bucket(checkout(platform).stack, 'Uploads');
  workload(platform);
  application(platform);
}

const DELIVERED: Setup = {
  title: "a service with a Bucket, a SecureWorkload and its catalog Component, in its team's TeamTenancy, AppProject and an Application",
  build: deliveredService,
};

const ADD_ONS: Setup = {
  title: "the cluster add-ons of the PlatformBaseline, cert-manager and a platform team's own chart included, in the platform's AppProject",
  build: (platform) => {
    new PlatformBaseline(platform, {
      addOns: { certManager: true, custom: [{ name: 'karpenter', repoURL: 'oci://public.ecr.aws/karpenter', chart: 'karpenter', version: '1.8.0', namespace: 'karpenter' }] },
    });
  },
};

/** Every platform rule, compliant on the constructs' defaults and failing once an escape hatch breaks them. */
export const PLATFORM_CASES: readonly RuleCase[] = [
  ...complies(DELIVERED, 'PAVED-PLT-TAG-001', 'PAVED-PLT-LBL-001', 'PAVED-PLT-NAME-001', 'PAVED-PLT-OWN-001', 'PAVED-PLT-ARGO-001'),
  violates('PAVED-PLT-TAG-001', "the provider's team tag overridden",
    (platform) => {
      deliveredService(platform);
      checkout(platform).stack.awsProvider.addOverride('default_tags.0.tags.paved:team', 'web');
    },
    ...at(STACK, 'default tag paved:team is "web", expected "payments"')),
  violates('PAVED-PLT-LBL-001', 'the part-of label removed from the Deployment',
    (platform) => ApiObject.of(workload(platform).deployment).addJsonPatch(JsonPatch.remove('/metadata/labels/app.kubernetes.io~1part-of')),
    ...at('gitops/dev/apps/checkout/deployment-checkout.yaml', 'label app.kubernetes.io/part-of is "missing", expected "acme"')),
  violates('PAVED-PLT-NAME-001', 'a Service renamed with capitals and an underscore',
    (platform) => ApiObject.of(workload(platform).service!).addJsonPatch(JsonPatch.replace('/metadata/name', 'Checkout_Web')),
    ...at('gitops/dev/apps/checkout/service-Checkout_Web.yaml', 'Service name "Checkout_Web" is not a valid Kubernetes name')),
  violates('PAVED-PLT-NAME-001', 'a catalog Component renamed with a space',
    (platform) => ApiObject.of(component(platform).resource).addJsonPatch(JsonPatch.replace('/metadata/name', 'checkout web')),
    ...at('catalog/component-checkout web.yaml', 'Component name "checkout web" is not a valid entity name')),
  violates('PAVED-PLT-OWN-001', 'the catalog Component owned by another team',
    (platform) => ApiObject.of(component(platform).resource).addJsonPatch(JsonPatch.replace('/spec/owner', 'group:web')),
    ...at('catalog', 'the Component\'s owner is "group:web", not group \'payments\'')),
  violates('PAVED-PLT-ARGO-001', "the Application sent to another team's namespace",
    (platform) => {
      deliveredService(platform);
      ApiObject.of((platform.argoCdChart('dev').node.findChild('Checkout') as ArgoCdApplication).resource)
        .addJsonPatch(JsonPatch.replace('/spec/destination/namespace', 'web'));
    },
    ...at('gitops/dev/argocd/application-checkout-dev.yaml', "Application 'checkout-dev' deploys to namespace \"web\", not one of team 'payments'")),
  violates('PAVED-PLT-ARGO-001', "the team's AppProject opened to kube-system, any repository and cluster-scoped kinds",
    (platform) => {
      new TeamTenancy(platform.placement('platform', 'dev').chart, 'Tenancy-payments', { team: 'payments' });
      ApiObject.of(project(platform).resource).addJsonPatch(
        JsonPatch.add('/spec/destinations/-', { server: 'https://kubernetes.default.svc', namespace: 'kube-system' }),
        JsonPatch.add('/spec/sourceRepos/-', '*'),
        JsonPatch.add('/spec/clusterResourceWhitelist/-', { group: '*', kind: '*' }),
      );
    },
    ...at('gitops/dev/argocd/appproject-payments.yaml',
      'AppProject \'payments\' allows cluster-scoped kinds [{"group":"*","kind":"*"}]',
      "AppProject 'payments' allows destination namespace \"kube-system\"",
      "AppProject 'payments' allows source repository \"*\"")),
  ...complies(ADD_ONS, 'PAVED-PLT-ARGO-001'),
  violates('PAVED-PLT-ARGO-001', 'an add-on moved to another namespace and repository, with Helm parameters and a version range',
    (platform) => {
      const addOn = new PlatformBaseline(platform).addOns.get('dev')!.addOns.find((a) => a.name === 'metrics-server')!;
      ApiObject.of(addOn.resource).addJsonPatch(
        JsonPatch.replace('/spec/destination/namespace', 'default'),
        JsonPatch.replace('/spec/source/repoUrl', 'https://charts.example.com'),
        JsonPatch.replace('/spec/source/targetRevision', '3.*'),
        JsonPatch.add('/spec/source/helm/parameters', [{ name: 'x', value: 'y' }]),
      );
    },
    ...at('gitops/dev/argocd/application-metrics-server.yaml',
      "Application 'metrics-server' deploys to namespace \"default\", not one the platform's AppProject 'platform' allows",
      "Application 'metrics-server' installs chart \"metrics-server\" at version \"3.*\"; pin one chart at one version",
      "Application 'metrics-server' installs from repository \"https://charts.example.com\", which the platform's AppProject 'platform' does not allow",
      "Application 'metrics-server' sets helm.parameters on its source; a cluster add-on has only a chart, its version, a release name and values")),
  ...PLATFORM_BYPASS_CASES,
];
