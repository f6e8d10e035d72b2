import { readdirSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import {
  ArgoCdApplication, ArgoCdProject, AwsEndpoint, BackstageApi, BackstageComponent, BackstageGroup, BackstageLocation,
  BackstageSystem, BackstageTemplate, ExternalSecret, GrafanaDashboard, HealthCheck, Image, PLATFORM_CLUSTER_KINDS,
  PreviewApplicationSet, RootApplication, SecretsManagerStore, SecureWorkload, ServiceMonitor, SloAlerts, TeamTenancy,
  WorkloadNetworkPolicy,
} from '../../constructs';
import { NODE_API_GOLDEN_PATH, templateDeclarationSkeleton } from '../../golden-paths';
import { Platform } from '../../src';
import {
  PACKS_WITHOUT_CLOSURE, describeWithKubectl, kustomize, readManifests, readTree, synthToTemp, testPlatform, validateEntities,
  validateManifests, validateSynthOutput,
} from '../util';

const DIGEST = 'a'.repeat(64);

/** A small platform with every construct of the cluster side, in every environment. */
function buildPlatform(reversed = false): Platform {
  const platform = testPlatform();
  const inOrder = <T>(items: readonly T[]): T[] => (reversed ? [...items].reverse() : [...items]);
  const services = inOrder([
    { name: 'checkout', team: 'payments', grpc: false, dependencies: [{ workload: 'ledger' }] },
    { name: 'ledger', team: 'payments', grpc: true, dependencies: [] },
  ]);
  for (const service of services) {
    platform.declareComponent({ name: service.name, team: service.team, goldenPath: 'node-api' });
  }
  for (const environment of inOrder(platform.environments)) {
    const env = environment.name;
    const argo = platform.argoCdChart(env);
    const platformChart = platform.placement('platform', env).chart;
    new RootApplication(argo, 'Root');
    new ArgoCdProject(argo, 'PlatformProject', { name: 'platform', namespaces: ['*'], clusterResourceKinds: PLATFORM_CLUSTER_KINDS });
    new ArgoCdApplication(argo, 'Platform', { component: 'platform', project: 'platform' });
    new SecretsManagerStore(platformChart, 'SecretStore');
    for (const team of inOrder(platform.teams)) {
      new TeamTenancy(platformChart, `Tenancy-${team.name}`, { team: team.name });
      ArgoCdProject.forTeam(argo, team.name, { previews: env === 'dev' });
    }
    for (const service of services) {
      const chart = platform.placement(service.name, env).chart;
      const secret = new ExternalSecret(chart, 'Secret', { name: `${service.name}-env`, remoteSecret: `acme/${env}/${service.name}` });
      const workload = new SecureWorkload(chart, 'Workload', {
        image: Image.fromDigest(`111111111111.dkr.ecr.eu-west-1.amazonaws.com/${service.name}`, DIGEST),
        ports: service.grpc ? [{ name: 'grpc', port: 9090, appProtocol: 'kubernetes.io/h2c' }] : undefined,
        healthCheck: service.grpc ? HealthCheck.grpc() : undefined,
        envFromSecrets: [secret],
        env: { LOG_LEVEL: 'info' },
        roleArn: `arn:aws:iam::111111111111:role/acme-${env}-${service.name}`,
        ingress: service.grpc ? undefined : { host: `${service.name}.${env}.acme.example` },
      });
      new WorkloadNetworkPolicy(chart, 'NetworkPolicy', {
        workload,
        dependencies: service.dependencies,
        callers: service.name === 'ledger' ? [{ workload: 'checkout' }] : [],
        awsEndpoints: [AwsEndpoint.interfaceEndpoint('secretsmanager', '10.0.0.0/16')],
      });
      new ServiceMonitor(chart, 'ServiceMonitor', { workload });
      new SloAlerts(chart, 'Slo', { workload, runbookUrl: 'https://runbooks.acme.example/checkout' });
      new GrafanaDashboard(chart, 'Dashboard', { workload });
      new ArgoCdApplication(argo, service.name, { component: service.name });
      if (env === 'dev' && !service.grpc) {
        new PreviewApplicationSet(argo, `${service.name}-previews`, {
          component: service.name, repository: `acme/${service.name}`, imageRepository: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/${service.name}`,
        });
      }
    }
  }
  const catalog = platform.catalogChart();
  for (const team of inOrder(platform.teams)) {
    new BackstageGroup(catalog, `Group-${team.name}`, { team: team.name });
    new BackstageSystem(catalog, `System-${team.domain}`, { domain: team.domain });
  }
  for (const service of services) {
    const component = new BackstageComponent(catalog, `Component-${service.name}`, {
      component: service.name,
      repository: `acme/${service.name}`,
      dashboards: { Grafana: `https://grafana.acme.example/d/${service.name}` },
      runbookUrl: `https://runbooks.acme.example/${service.name}`,
      providesApis: [service.name],
    });
    new BackstageApi(catalog, `Api-${service.name}`, {
      provider: component,
      type: service.grpc ? 'grpc' : 'openapi',
      definitionUrl: `https://github.com/acme/${service.name}/blob/main/api/spec.yaml`,
    });
  }
  new BackstageTemplate(catalog, 'Template', {
    goldenPath: 'node-api',
    title: 'Node.js API',
    description: 'An HTTP API on Node.js',
    owner: 'payments',
    platformRepository: 'acme/platform',
    skeleton: templateDeclarationSkeleton(NODE_API_GOLDEN_PATH),
  });
  new BackstageLocation(catalog, 'Location');
  return platform;
}

describe('a platform with every construct', () => {
  // The constructs on their own, without the baseline's cluster add-ons: closure is checked on golden paths and acme.
  const outdir = synthToTemp(buildPlatform(), PACKS_WITHOUT_CLOSURE);
  const files = readTree(outdir);

  test('every manifest and entity validates against the upstream schemas', async () => {
    expect(await validateSynthOutput(outdir)).toEqual([]);
    const kinds = new Set([...readManifests(join(outdir, 'gitops')), ...readManifests(join(outdir, 'catalog'))].map((m) => `${m.object.apiVersion} ${m.object.kind}`));
    expect([...kinds].sort()).toEqual([
      'apps/v1 Deployment',
      'argoproj.io/v1alpha1 AppProject',
      'argoproj.io/v1alpha1 Application',
      'argoproj.io/v1alpha1 ApplicationSet',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'backstage.io/v1alpha1 API',
      'backstage.io/v1alpha1 Component',
      'backstage.io/v1alpha1 Group',
      'backstage.io/v1alpha1 Location',
      'backstage.io/v1alpha1 System',
      'external-secrets.io/v1 ClusterSecretStore',
      'external-secrets.io/v1 ExternalSecret',
      'monitoring.coreos.com/v1 PrometheusRule',
      'monitoring.coreos.com/v1 ServiceMonitor',
      'networking.k8s.io/v1 Ingress',
      'networking.k8s.io/v1 NetworkPolicy',
      'policy/v1 PodDisruptionBudget',
      'rbac.authorization.k8s.io/v1 RoleBinding',
      'scaffolder.backstage.io/v1beta3 Template',
      'v1 ConfigMap',
      'v1 LimitRange',
      'v1 Namespace',
      'v1 ResourceQuota',
      'v1 Service',
      'v1 ServiceAccount',
    ]);
  });

  test('no Secret and no secret data anywhere in the output', () => {
    for (const [path, content] of files) {
      expect({ path, secret: /^kind: Secret$/m.test(content) }).toEqual({ path, secret: false });
    }
  });

  test('the Location lists every other catalog file', () => {
    const location = parseAllDocuments(files.get('catalog/location-acme-catalog.yaml')!)[0].toJSON();
    // Entity files sit directly in catalog/; the Templates' skeletons in catalog/skeletons/ are no entities.
    const others = [...files.keys()].filter((p) => /^catalog\/[^/]+\.yaml$/.test(p) && p !== 'catalog/location-acme-catalog.yaml').map((p) => `./${p.slice('catalog/'.length)}`);
    expect(location.spec.targets).toEqual(others.sort());
  });

  test('declaring things in another order gives the same bytes', () => {
    const again = readTree(synthToTemp(buildPlatform(true), PACKS_WITHOUT_CLOSURE));
    expect(again).toEqual(files);
  });

  describeWithKubectl('kubectl kustomize', () => {
    test('every app directory and every argocd directory builds', () => {
      const dirs = ['dev', 'staging', 'prod'].flatMap((env) => [
        ...readdirSync(join(outdir, 'gitops', env, 'apps')).map((app) => join(outdir, 'gitops', env, 'apps', app)),
        join(outdir, 'gitops', env, 'argocd'),
      ]);
      expect(dirs.length).toBe(12);
      for (const dir of dirs) {
        expect(kustomize(dir)).toMatch(/^apiVersion: /);
      }
    });
  });
});

describe('the validators', () => {
  const valid = (object: any) => ({ file: 'f.yaml', object });

  test('fail on a Kubernetes object that breaks its schema', () => {
    const problems = validateManifests([valid({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 'eighty' }] } })]);
    expect(problems).toEqual([expect.stringContaining('f.yaml: data/spec/ports/0/port must be integer')]);
  });

  test('fail on an Argo CD and a Prometheus Operator object that break their schemas', () => {
    const problems = validateManifests([
      valid({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a' }, spec: { project: 'p' } }),
      valid({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' }, spec: { endpoints: 'all' } }),
    ]);
    expect(problems).toEqual([
      'f.yaml: data/spec must have required property destination',
      expect.stringContaining('data/spec/endpoints must be array'),
    ]);
  });

  test('fail on an External Secrets object that breaks its schema, in the ESM child process', () => {
    const problems = validateManifests([valid({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'e' }, spec: { refreshInterval: 60 } })]);
    expect(problems).toEqual(['f.yaml: data/spec/refreshInterval must be string']);
  });

  test('fail on kinds they do not know', () => {
    expect(validateManifests([
      valid({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
      valid({ apiVersion: 'v1', kind: 'Gadget', metadata: { name: 'g' } }),
      valid({ apiVersion: 'external-secrets.io/v1', kind: 'Gadget', metadata: { name: 'g' } }),
    ])).toEqual([
      expect.stringContaining("unknown kind example.com/v1 Widget (no validator for API group 'example.com')"),
      expect.stringContaining('unknown kind v1 Gadget'),
      'f.yaml: no External Secrets schema for external-secrets.io/v1 Gadget',
    ]);
  });

  test('fail on a catalog entity that breaks the Backstage rules, or of an unknown kind', async () => {
    expect(await validateEntities([
      valid({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'c' }, spec: { type: 'service', owner: 'x' } }),
      valid({ apiVersion: 'backstage.io/v1alpha1', kind: 'Widget', metadata: { name: 'w' }, spec: {} }),
      valid({ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'not valid!' }, spec: { type: 'team', children: [] } }),
    ])).toEqual([
      expect.stringContaining('lifecycle'),
      'f.yaml: unknown entity kind backstage.io/v1alpha1 Widget',
      expect.stringContaining('metadata.name'),
    ]);
  });
});
