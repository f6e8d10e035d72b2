import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext } from 'cdk8s';
import * as resolveModule from 'cdk8s/lib/resolve';
import * as plus from 'cdk8s-plus-28';
import { IntOrString, KubeService } from 'cdk8s-plus-28/lib/imports/k8s';
import { patchCdk8s } from '../../src/platform/cdk8s-patches';
import { testPlatform, thrownBy } from '../util';

/** A chart with what cdk8s resolves: lazy values, implicit tokens, number-or-string unions, patches. */
function chartIn(app: App): Chart {
  const chart = new Chart(app, 'shop', { namespace: 'shop', labels: { team: 'payments' } });
  const deployment = new plus.Deployment(chart, 'checkout', {
    replicas: 2,
    containers: [{ image: 'checkout:1.0', portNumber: 8080, envVariables: { LEVEL: plus.EnvValue.fromValue('info') } }],
  });
  deployment.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
  new KubeService(chart, 'named-port', { spec: { ports: [{ port: 443, targetPort: IntOrString.fromString('https') }] } });
  const raw = new ApiObject(chart, 'raw', {
    apiVersion: 'example.com/v1',
    kind: 'Thing',
    spec: {
      lazy: Lazy.any({ produce: () => ({ nested: Lazy.any({ produce: () => [1, 'two', false, null] }) }) }),
      implicit: { resolve: () => ({ made: 'by resolve()' }) },
      list: [[1, 2], [], {}, undefined, 0, '', { deep: [{ deeper: true }] }],
      skipped: undefined,
      nothing: null,
    },
  });
  raw.metadata.addAnnotation('note', 'kept');
  raw.metadata.addLabel('tier', Lazy.any({ produce: () => 'backend' }));
  raw.metadata.add('extra', { empty: {}, none: [], kept: [{ nested: Lazy.any({ produce: () => ({}) }) }, 'x'] });
  raw.addJsonPatch(JsonPatch.add('/spec/patched', 'yes'), JsonPatch.add('/metadata/annotations/patched', 'yes'));
  return chart;
}

/** A resolver that changes nothing, so that cdk8s resolves the app itself. */
class NoChange implements IResolver {
  public readonly keys: string[] = [];
  public resolve(context: ResolutionContext): void {
    this.keys.push(context.key.join('.'));
  }
}

describe('patchCdk8s (applied by every Platform)', () => {
  beforeAll(() => {
    testPlatform();
    patchCdk8s();
  });

  test('is applied once a Platform exists', () => {
    expect(resolveModule.resolve.name).toBe('resolve');
    expect(resolveModule.resolve.toString()).toContain('hasOnlyBuiltInResolvers');
    expect(ApiObject.prototype.toJson.toString()).toContain('renderBuiltIn');
  });

  test('renders every object exactly as cdk8s does', () => {
    const patched = chartIn(new App()).toJson();
    const byCdk8s = chartIn(new App({ resolvers: [new NoChange()] })).toJson();
    expect(patched).toHaveLength(4);
    expect(patched).toEqual(byCdk8s);
    expect(JSON.stringify(patched)).toBe(JSON.stringify(byCdk8s));
    expect(patched.find((o) => o.kind === 'Thing').spec).toEqual({
      lazy: { nested: [1, 'two', false, undefined] },
      implicit: { made: 'by resolve()' },
      list: [[1, 2], [], {}, undefined, 0, '', { deep: [{ deeper: true }] }],
      patched: 'yes',
    });
    expect(patched.find((o) => o.kind === 'Thing').metadata).toEqual({
      annotations: { note: 'kept', patched: 'yes' },
      extra: { kept: [undefined, 'x'] },
      labels: { team: 'payments', tier: 'backend' },
      name: expect.stringMatching(/^shop-raw-/),
      namespace: 'shop',
    });
  });

  test('fails on a value it cannot render with the message cdk8s gives', () => {
    const withDate = (app: App) => {
      const chart = new Chart(app, 'shop');
      new ApiObject(chart, 'dated', { apiVersion: 'v1', kind: 'ConfigMap', data: { when: new Date(0) } });
      return chart;
    };
    const byCdk8s = () => withDate(new App({ resolvers: [new NoChange()] })).toJson();
    expect(byCdk8s).toThrow("Failed serializing construct at path 'shop/dated' with name 'shop-dated-c8c6cf0c': Error: can't render non-simple object of type 'Date'");
    expect(() => withDate(new App()).toJson()).toThrow(thrownBy(byCdk8s).message);
  });

  test('with CDK8S_DISABLE_SORT, leaves the order of keys to cdk8s', () => {
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      const patched = chartIn(new App()).toJson();
      const byCdk8s = chartIn(new App({ resolvers: [new NoChange()] })).toJson();
      expect(JSON.stringify(patched)).toBe(JSON.stringify(byCdk8s));
      expect(Object.keys(patched.find((o) => o.kind === 'Thing').spec)).toEqual(['lazy', 'implicit', 'list', 'patched']);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('an App with its own resolvers is resolved by cdk8s, value by value with keys', () => {
    const resolver = new NoChange();
    chartIn(new App({ resolvers: [resolver] })).toJson();
    expect(resolver.keys).toContain('spec.list.6.deep.0.deeper');

    class Upper implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (context.value === 'checkout:1.0') {
          context.replaceValue('CHECKOUT:1.0');
        }
      }
    }
    const objects = chartIn(new App({ resolvers: [new Upper()] })).toJson();
    expect(objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].image).toBe('CHECKOUT:1.0');
  });
});
