import { ApiObject } from 'cdk8s';
import { CLOSURE_PACK, Platform, SelfService, evaluatePolicy } from '../../../src';
import { ADD_ON_LABEL, PROVIDES_ANNOTATION } from '../../../src/platform/cluster-capabilities';
import { ClusterProvisions, clusterProvisions } from '../../../src/policy/artifacts/cluster-provisions';
import { collectArtifacts } from '../../../src/policy/collect-artifacts';
import { renderPlatform } from '../../../src/synth/render-platform';
import { recordedFacts, testPlatform, testPlatformProps } from '../../util';

/** The test platform with recorded facts and the ephemeral environment `pr-7` made from `dev`. */
function platformWithPreview(): Platform {
  return testPlatform({
    asOf: '2026-11-28',
    environments: testPlatformProps().environments!.map((e) => ({ ...e, existing: recordedFacts(e.name) })),
    selfService: SelfService.fromState({
      environments: [{ name: 'pr-7', from: 'dev', created: '2026-11-28T09:00:00.000Z', expires: '2026-12-01T09:00:00.000Z', by: 'dev@acme.example' }],
      accessGrants: [],
      secretRotations: [],
    }),
  });
}

function addOn(platform: Platform, id: string, provides: unknown): void {
  new ApiObject(platform.argoCdChart('dev'), `AddOn-${id}`, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: `${id}-dev`, namespace: 'argocd', labels: { [ADD_ON_LABEL]: id }, annotations: { [PROVIDES_ANNOTATION]: typeof provides === 'string' ? provides : JSON.stringify(provides) } },
    spec: {},
  });
}

function autoscaler(platform: Platform, environment: string): void {
  new ApiObject(platform.placement('platform', environment).chart, 'Autoscaler', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: `web-${environment}` },
    spec: { minReplicas: 1, maxReplicas: 2, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } },
  });
}

const provisionsOf = (platform: Platform) => clusterProvisions(collectArtifacts(platform, renderPlatform(platform)));

describe('ClusterProvisions', () => {
  test("an ephemeral environment's objects get what the add-ons of the cluster it came from provide", () => {
    const platform = platformWithPreview();
    addOn(platform, 'metrics-server', { resourceMetrics: true });
    autoscaler(platform, 'pr-7');
    const artifacts = collectArtifacts(platform, renderPlatform(platform));
    const dev = clusterProvisions(artifacts).get('acme-dev')!;
    expect(dev.environments.map((e) => e.name)).toEqual(['dev', 'pr-7']);
    expect(dev.resourceMetrics).toBe(true);
    expect(clusterProvisions(artifacts).get('acme-staging')!.resourceMetrics).toBe(false);
    expect(evaluatePolicy(artifacts, CLOSURE_PACK, []).findings.filter((f) => f.ruleId === 'PAVED-CLS-HPA-001')).toEqual([]);
  });

  test('an autoscaler on CPU (its default) in a cluster without metrics-server is a finding', () => {
    const platform = platformWithPreview();
    autoscaler(platform, 'pr-7');
    const artifacts = collectArtifacts(platform, renderPlatform(platform));
    expect(evaluatePolicy(artifacts, CLOSURE_PACK, []).findings.filter((f) => f.ruleId === 'PAVED-CLS-HPA-001').map((f) => [f.environment, f.message])).toEqual([[
      'pr-7',
      "HorizontalPodAutoscaler 'web-pr-7/web' in environment 'pr-7' scales on cpu (the default), but nothing serves the resource metrics API (metrics.k8s.io) in cluster 'acme-dev' (no add-on is installed); turn on the metrics-server add-on",
    ]]);
  });

  test("has Kubernetes' built-in kinds, PriorityClasses and `default` ServiceAccounts, and no StorageClass or IngressClass of EKS's", () => {
    const dev: ClusterProvisions = provisionsOf(platformWithPreview()).get('acme-dev')!;
    expect(['/ConfigMap', 'apps/Deployment', 'batch/CronJob', 'networking.k8s.io/Ingress', 'policy/PodDisruptionBudget', 'autoscaling/HorizontalPodAutoscaler']
      .filter((kind) => !dev.kinds.has(kind))).toEqual([]);
    expect(dev.kinds.has('argoproj.io/Application')).toBe(false);
    expect([...dev.priorityClasses]).toEqual(['system-cluster-critical', 'system-node-critical']);
    expect(dev.serviceAccount('payments', 'default')).toEqual({});
    expect(dev.serviceAccount('payments', 'checkout')).toBeUndefined();
    expect([...dev.storageClasses, ...dev.ingressClasses]).toEqual([]);
  });

  test('takes the union of what the add-ons and the output declare', () => {
    const platform = platformWithPreview();
    addOn(platform, 'aws-load-balancer-controller', { ingressClasses: ['alb'], certificates: { acm: true } });
    addOn(platform, 'cert-manager', { kinds: ['cert-manager.io/Certificate'], certificates: { clusterIssuers: ['letsencrypt'] } });
    new ApiObject(platform.placement('platform', 'dev').chart, 'Crd', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.acme.example' },
      spec: { group: 'acme.example', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced', versions: [] },
    });
    new ApiObject(platform.placement('platform', 'dev').chart, 'Class', { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'internal' }, spec: { controller: 'ingress.k8s.aws/alb' } });
    const dev = provisionsOf(platform).get('acme-dev')!;
    expect(dev.addOns.map((a) => a.id)).toEqual(['aws-load-balancer-controller', 'cert-manager']);
    expect(['cert-manager.io/Certificate', 'acme.example/Widget'].map((k) => dev.kinds.has(k))).toEqual([true, true]);
    expect([...dev.ingressClasses]).toEqual(['alb', 'internal']);
    expect([...dev.acmIngressClasses]).toEqual(['alb']);
    expect([...dev.clusterIssuers]).toEqual(['letsencrypt']);
  });

  test('fails when an add-on\'s provides annotation is not JSON, naming the add-on and its file', () => {
    const platform = platformWithPreview();
    addOn(platform, 'metrics-server', '{resourceMetrics: true');
    expect(() => provisionsOf(platform)).toThrow(/^the paved.dev\/provides annotation of add-on 'metrics-server' \(gitops\/dev\/argocd\/application-metrics-server-dev.yaml\) is not JSON/);
  });
});
