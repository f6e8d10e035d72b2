import { parse } from 'yaml';
import { GOLDEN_PATHS, NodeApi, PythonWorker } from '../../golden-paths';
import { SelfService } from '../../src';
import { goldenPathPlatform, readManifests, readTree, synthToTemp, validateEntities } from '../util';

const AS_OF = '2026-11-28';

/** Team payments' API with a database, a queue and a bucket; team web's worker that calls it and consumes both. */
function catalogPlatform(selfService?: SelfService) {
  const platform = goldenPathPlatform({ asOf: AS_OF, selfService });
  new PythonWorker(platform, 'invoicer', {
    team: 'web', dependsOn: ['billing'], consumes: { queues: ['billing/invoices'], buckets: ['billing/exports'] },
  });
  new NodeApi(platform, 'billing', { team: 'payments', openApiPath: 'openapi.yaml', database: true, queues: ['invoices'], buckets: ['exports'] });
  return platform;
}

describe("the catalog shows each service's relations and what runs", () => {
  const outdir = synthToTemp(catalogPlatform());
  const files = readTree(outdir);
  const entity = (file: string) => parse(files.get(`catalog/${file}.yaml`)!);

  test('a Resource for each database, queue and bucket, owned by the team, part of its system, a dependency of its component', () => {
    expect(entity('resource-billing-database')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'billing-database', description: 'The database of billing.' },
      spec: { type: 'database', owner: 'group:payments', system: 'payments', dependencyOf: ['component:billing'] },
    });
    expect(entity('resource-billing-queue-invoices')).toMatchObject({
      metadata: { name: 'billing-queue-invoices', description: "The queue 'invoices' of billing." },
      spec: { type: 'queue', owner: 'group:payments', system: 'payments', dependencyOf: ['component:billing'] },
    });
    expect(entity('resource-billing-bucket-exports').spec.type).toBe('bucket');
    expect([...files.keys()].filter((f) => f.startsWith('catalog/resource-'))).toEqual([
      'catalog/resource-billing-bucket-exports.yaml', 'catalog/resource-billing-database.yaml', 'catalog/resource-billing-queue-invoices.yaml',
    ]);
  });

  test('a consumer depends on the component it calls and on the queue and bucket it consumes, and consumes its API', () => {
    expect(entity('component-invoicer').spec).toMatchObject({
      dependsOn: ['component:billing', 'resource:billing-bucket-exports', 'resource:billing-queue-invoices'],
      consumesApis: ['billing'],
    });
    expect(entity('component-billing').spec.providesApis).toEqual(['billing']);
    expect(entity('component-billing').spec.dependsOn).toBeUndefined();
    expect(entity('component-billing').spec.consumesApis).toBeUndefined();
  });

  test('a dependency on a service that provides no API adds no consumesApis', () => {
    const platform = goldenPathPlatform({ asOf: AS_OF });
    new PythonWorker(platform, 'exporter', { team: 'web' });
    new NodeApi(platform, 'ledger', { team: 'payments', dependsOn: ['exporter'] });
    const spec = parse(readTree(synthToTemp(platform)).get('catalog/component-ledger.yaml')!).spec;
    expect(spec.dependsOn).toEqual(['component:exporter']);
    expect(spec.consumesApis).toBeUndefined();
  });

  test('TechDocs and Kubernetes plugin annotations; the label selector matches the labels of the pods and of every object that runs them', () => {
    const annotations = entity('component-billing').metadata.annotations;
    expect(annotations).toEqual({
      'argocd/app-selector': 'paved.dev/component=billing',
      'backstage.io/kubernetes-id': 'billing',
      'github.com/project-slug': 'acme/billing',
      'backstage.io/techdocs-ref': 'dir:.',
      'backstage.io/kubernetes-label-selector': 'paved.dev/workload=billing',
      'backstage.io/kubernetes-namespace': 'payments',
    });
    for (const kind of ['deployment', 'service', 'horizontalpodautoscaler', 'poddisruptionbudget', 'ingress']) {
      expect(parse(files.get(`gitops/prod/apps/billing/${kind}-billing.yaml`)!).metadata.labels).toMatchObject({ 'paved.dev/workload': 'billing' });
    }
    expect(parse(files.get('gitops/prod/apps/billing/deployment-billing.yaml')!).spec.template.metadata.labels)
      .toMatchObject({ 'paved.dev/workload': 'billing', 'backstage.io/kubernetes-id': 'billing' });
  });

  test('no namespace annotation when an ephemeral environment runs the service in a namespace of its own', () => {
    const selfService = SelfService.fromState({
      environments: [{ name: 'pr-42', from: 'dev', created: '2026-11-27T10:00:00.000Z', expires: '2026-11-30', by: 'dev@acme.example' }],
      accessGrants: [],
      secretRotations: [],
    });
    const annotations = parse(readTree(synthToTemp(catalogPlatform(selfService))).get('catalog/component-billing.yaml')!).metadata.annotations;
    expect(annotations['backstage.io/kubernetes-namespace']).toBeUndefined();
    expect(annotations['backstage.io/kubernetes-label-selector']).toBe('paved.dev/workload=billing');
  });

  test('every entity passes the Backstage validators', async () => {
    expect(await validateEntities(readManifests(`${outdir}/catalog`))).toEqual([]);
  });

  test.each(GOLDEN_PATHS.all.map((g) => [g.id, g] as const))("the %s skeleton holds the TechDocs site the Component's techdocs-ref points at", (_, goldenPath) => {
    const skeleton = goldenPath.skeleton({ name: 'ledger', team: 'payments', title: 'A service' });
    expect(parse(skeleton['mkdocs.yml'])).toEqual({
      site_name: 'ledger',
      site_description: 'A service owned by team payments.',
      nav: [{ Home: 'index.md' }],
      plugins: ['techdocs-core'],
    });
    expect(skeleton['docs/index.md']).toMatch(/^# ledger\n/);
  });
});
