import { BackstageApi, BackstageComponent, BackstageGroup, BackstageLocation, BackstageResource, BackstageSystem, BackstageTemplate } from '../../../constructs';
import { objectOfKind, objectsOfKind, testPlatform } from '../../util';

function catalog() {
  const platform = testPlatform({ teams: [{ name: 'payments', idpGroup: 'acme-payments', domain: 'commerce', contact: { email: 'p@acme.example', chat: 'https://chat.acme.example/p' } }] });
  platform.declareComponent({ name: 'checkout', team: 'payments', goldenPath: 'node-api' });
  return platform.catalogChart();
}

describe('Backstage entities', () => {
  test('a Location that lists every other entity file and inherits the type of the location it is read from', () => {
    const chart = catalog();
    new BackstageSystem(chart, 'S', { domain: 'commerce' });
    new BackstageGroup(chart, 'G', { team: 'payments' });
    const location = new BackstageLocation(chart, 'L');
    expect(location.name).toBe('acme-catalog');
    expect(objectOfKind(chart, 'Location')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: 'acme-catalog', description: 'Every catalog entity of the acme platform.' },
      // No spec.type: a relative target of a `url` Location is a URL, which a `file` location cannot read.
      spec: { targets: ['./group-payments.yaml', './system-commerce.yaml'] },
    });
  });

  test('a Component with owner, system, lifecycle, links and plugin annotations', () => {
    const chart = catalog();
    const component = new BackstageComponent(chart, 'C', { component: 'checkout', repository: 'acme/checkout', dashboards: { Grafana: 'https://grafana.acme.example/d/checkout' }, runbookUrl: 'https://runbooks.acme.example/checkout', providesApis: ['checkout'] });
    expect([component.owner, component.system, component.type, component.lifecycle]).toEqual(['payments', 'commerce', 'service', 'production']);
    expect(objectOfKind(chart, 'Component')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout',
        annotations: {
          'argocd/app-selector': 'paved.dev/component=checkout',
          'backstage.io/kubernetes-id': 'checkout',
          'github.com/project-slug': 'acme/checkout',
          'backstage.io/techdocs-ref': 'dir:.',
        },
        tags: ['node-api'],
        links: [
          { url: 'https://grafana.acme.example/d/checkout', title: 'Grafana', icon: 'dashboard' },
          { url: 'https://runbooks.acme.example/checkout', title: 'Runbook', icon: 'docs' },
        ],
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'group:payments', system: 'commerce', providesApis: ['checkout'] },
    });
  });

  test('a Component with its dependencies, the APIs it consumes and the Kubernetes label selector and namespace', () => {
    const chart = catalog();
    const component = new BackstageComponent(chart, 'C', {
      component: 'checkout',
      repository: 'acme/checkout',
      dependsOn: ['resource:billing-queue-invoices', 'component:billing', 'component:billing'],
      kubernetesLabels: { 'paved.dev/workload': 'checkout', 'app.kubernetes.io/part-of': 'shop' },
      kubernetesNamespace: 'payments',
    });
    component.consumeApis(['ledger', 'billing']);
    component.consumeApis(['billing']);
    const entity = objectOfKind(chart, 'Component');
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-label-selector': 'app.kubernetes.io/part-of=shop,paved.dev/workload=checkout',
      'backstage.io/kubernetes-namespace': 'payments',
    });
    expect(entity.spec).toMatchObject({ dependsOn: ['component:billing', 'resource:billing-queue-invoices'], consumesApis: ['billing', 'ledger'] });
  });

  test('a Resource of the component: owned by its team, part of its system, a dependency of it', () => {
    const chart = catalog();
    const component = new BackstageComponent(chart, 'C', { component: 'checkout', repository: 'acme/checkout' });
    const queue = new BackstageResource(chart, 'Q', { component, type: 'queue', name: 'orders' });
    const database = new BackstageResource(chart, 'D', { component, type: 'database' });
    expect([queue.name, database.name, BackstageResource.entityName('billing', 'bucket', 'exports')]).toEqual(['checkout-queue-orders', 'checkout-database', 'billing-bucket-exports']);
    expect(objectsOfKind(chart, 'Resource').find((r: any) => r.metadata.name === 'checkout-queue-orders')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'checkout-queue-orders', description: "The queue 'orders' of checkout." },
      spec: { type: 'queue', owner: 'group:payments', system: 'commerce', dependencyOf: ['component:checkout'] },
    });
  });

  test('a Resource fails when its entity name is longer than the catalog accepts', () => {
    const chart = catalog();
    const component = new BackstageComponent(chart, 'C', { component: 'checkout', repository: 'acme/checkout' });
    expect(() => new BackstageResource(chart, 'Q', { component, type: 'queue', name: 'q'.repeat(50) }))
      .toThrow(`BackstageResource 'Q': 'name': the catalog entity 'checkout-queue-${'q'.repeat(50)}' is 65 characters, over the 63 the catalog accepts`);
  });

  test('an API of the component, with a stand-in definition that needs no network read and links the published one', () => {
    const chart = catalog();
    const provider = new BackstageComponent(chart, 'C', { component: 'checkout', repository: 'acme/checkout', lifecycle: 'experimental' });
    const api = new BackstageApi(chart, 'A', { provider, type: 'openapi', definitionUrl: 'https://github.com/acme/checkout/blob/main/openapi.yaml' });
    const entity = objectOfKind(chart, 'API');
    expect(entity.metadata.links).toEqual([{ url: 'https://github.com/acme/checkout/blob/main/openapi.yaml', title: 'Definition', icon: 'docs' }]);
    expect(entity.spec).toEqual({
      type: 'openapi',
      lifecycle: 'experimental',
      owner: 'group:payments',
      system: 'commerce',
      definition: api.definition,
    });
    expect(JSON.parse(api.definition)).toEqual({
      openapi: '3.0.3',
      info: { title: 'checkout', version: 'unpublished', description: 'The definition of checkout is published at https://github.com/acme/checkout/blob/main/openapi.yaml; the catalog does not copy it.' },
      paths: {},
    });
  });

  test.each([
    ['grpc', '// The definition of checkout is published at https://x.example/a; the catalog does not copy it.\nsyntax = "proto3";\n'],
    ['graphql', '# The definition of checkout is published at https://x.example/a; the catalog does not copy it.\n'],
  ] as const)('a %s API gets a stand-in definition in its own syntax', (type, definition) => {
    const chart = catalog();
    const provider = new BackstageComponent(chart, 'C', { component: 'checkout', repository: 'acme/checkout' });
    expect(new BackstageApi(chart, 'A', { provider, type, definitionUrl: 'https://x.example/a' }).definition).toBe(definition);
  });

  test('an API with its definition given is written as it is', () => {
    const chart = catalog();
    const provider = new BackstageComponent(chart, 'C', { component: 'checkout', repository: 'acme/checkout' });
    new BackstageApi(chart, 'A', { provider, type: 'asyncapi', definitionUrl: 'https://x.example/a', definition: 'asyncapi: 2.6.0\n' });
    expect(objectOfKind(chart, 'API').spec.definition).toBe('asyncapi: 2.6.0\n');
  });

  test('a Group per team and a System per domain', () => {
    const chart = catalog();
    new BackstageGroup(chart, 'G', { team: 'payments' });
    new BackstageSystem(chart, 'S', { domain: 'commerce' });
    expect(objectOfKind(chart, 'Group')).toMatchObject({
      metadata: { name: 'payments', title: 'payments', links: [{ url: 'https://chat.acme.example/p', title: 'Chat', icon: 'chat' }] },
      spec: { type: 'team', profile: { displayName: 'payments', email: 'p@acme.example' }, children: [] },
    });
    expect(objectOfKind(chart, 'System')).toMatchObject({ metadata: { name: 'commerce' }, spec: { owner: 'group:payments' } });
  });

  test('a scaffolder Template that writes its skeleton beside itself, renders it into services/ and opens a pull request in the platform repository', () => {
    const chart = catalog();
    const template = new BackstageTemplate(chart, 'T', {
      goldenPath: 'node-api',
      title: 'Node.js API',
      description: 'An API',
      owner: 'payments',
      platformRepository: 'acme/platform',
      skeleton: { '${{ values.name }}.ts': 'declaration\n', 'b/README.md': 'read me\n' },
    });
    expect(template.skeletonUrl).toBe('./skeletons/node-api');
    expect(chart.platform.additionalFiles).toEqual([
      { path: 'catalog/skeletons/node-api/${{ values.name }}.ts.njk', content: 'declaration\n' },
      { path: 'catalog/skeletons/node-api/b/README.md.njk', content: 'read me\n' },
    ]);
    const object = objectOfKind(chart, 'Template');
    expect(object.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
    expect(object.spec.steps.map((s: any) => s.action)).toEqual(['fetch:template', 'publish:github:pull-request']);
    expect(object.spec.steps[0].input).toEqual({
      url: './skeletons/node-api',
      templateFileExtension: '.njk',
      targetPath: 'services',
      values: { name: '${{ parameters.name }}', owner: '${{ parameters.owner }}', description: '${{ parameters.description }}', goldenPath: 'node-api' },
    });
    expect(object.spec.steps[1].input.repoUrl).toBe('github.com?owner=acme&repo=platform');
  });

  test('a scaffolder Template that fetches a skeleton kept elsewhere writes none', () => {
    const chart = catalog();
    const template = new BackstageTemplate(chart, 'T', { goldenPath: 'node-api', title: 'Node.js API', description: 'An API', owner: 'payments', platformRepository: 'acme/platform', skeletonUrl: 'https://github.com/acme/templates/tree/main/node-api' });
    expect(template.skeletonUrl).toBe('https://github.com/acme/templates/tree/main/node-api');
    const input = objectOfKind(chart, 'Template').spec.steps[0].input;
    expect(input.url).toBe('https://github.com/acme/templates/tree/main/node-api');
    expect('templateFileExtension' in input).toBe(false);
    expect(chart.platform.additionalFiles).toEqual([]);
  });

  test('a scaffolder Template fails without a skeleton, or with both a skeleton and a skeleton URL', () => {
    const props = { goldenPath: 'node-api', title: 'Node.js API', description: 'An API', owner: 'payments', platformRepository: 'acme/platform' };
    expect(() => new BackstageTemplate(catalog(), 'T', props)).toThrow("give exactly one of 'skeleton' (files written beside the template) and 'skeletonUrl' (got neither).");
    expect(() => new BackstageTemplate(catalog(), 'T', { ...props, skeleton: { 'a.ts': '' }, skeletonUrl: './elsewhere' })).toThrow('(got both)');
    expect(() => new BackstageTemplate(catalog(), 'T', { ...props, skeleton: {} })).toThrow("'skeleton' must hold at least one file, or the template renders nothing (got {}).");
  });

  test('fails when the component is not declared or a link is not a URL', () => {
    expect(() => new BackstageComponent(catalog(), 'C', { component: 'nope', repository: 'acme/nope' })).toThrow("BackstageComponent 'C': 'component' must be a declared service (got 'nope')");
    expect(() => new BackstageComponent(catalog(), 'C', { component: 'checkout', repository: 'acme/checkout', runbookUrl: 'wiki/runbook' })).toThrow("'dashboards/runbookUrl' must hold http(s) URLs (got 'wiki/runbook' for 'Runbook').");
  });
});
