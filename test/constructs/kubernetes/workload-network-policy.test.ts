import { AwsEndpoint, Image, IngressSource, SecureWorkload, WorkloadNetworkPolicy, WorkloadNetworkPolicyProps } from '../../../constructs';
import { objectOfKind, recordedFacts, testPlatform, testPlatformProps } from '../../util';

function policy(props: Partial<WorkloadNetworkPolicyProps> = {}, ingress = false, platform = testPlatform()) {
  platform.declareComponent({ name: 'checkout', team: 'payments' });
  const chart = platform.placement('checkout', 'dev').chart;
  const workload = new SecureWorkload(chart, 'Workload', {
    image: Image.fromTag('ghcr.io/acme/checkout', '1.0.0'),
    ports: ingress ? [{ name: 'http', port: 8080 }, { name: 'admin', port: 9000 }] : undefined,
    ingress: ingress ? { host: 'checkout.acme.example' } : undefined,
  });
  const construct = new WorkloadNetworkPolicy(chart, 'Policy', { workload, ...props });
  return { construct, object: objectOfKind(chart, 'NetworkPolicy') };
}

const http = { protocol: 'TCP', port: 'http' };
const prometheus = {
  from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
  ports: [http],
};

describe('WorkloadNetworkPolicy', () => {
  test('by default only Prometheus may scrape, and nothing goes out', () => {
    const { construct, object } = policy();
    expect([construct.allowIngressController, construct.metricsPort, construct.prometheusNamespace, construct.ingressSource])
      .toEqual([false, 'http', 'monitoring', IngressSource.environmentNetwork()]);
    expect(object.metadata.name).toBe('checkout');
    expect(object.spec.podSelector).toEqual({ matchLabels: { 'paved.dev/workload': 'checkout' } });
    expect(object.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(object.spec.ingress).toEqual([prometheus]);
    expect(object.spec.egress).toEqual([]);
  });

  test('admits the load balancer from the environment\'s VPC, on the Ingress\'s port only, when the workload has an Ingress', () => {
    const { object } = policy({}, true);
    expect(object.spec.ingress[0]).toEqual({ from: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [http] });
  });

  test('takes the VPC CIDR the environment records', () => {
    const network = { ...recordedFacts('dev').network!, cidr: '10.8.0.0/16' };
    const platform = testPlatform({ environments: testPlatformProps().environments!.map((e) => ({ ...e, existing: { network } })) });
    const { object } = policy({}, true, platform);
    expect(object.spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.8.0.0/16' } }]);
  });

  test('admits another controller from its namespace, or from an IP block', () => {
    expect(policy({ ingressSource: IngressSource.namespace('traefik') }, true).object.spec.ingress[0])
      .toEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }], ports: [http] });
    expect(policy({ ingressSource: IngressSource.ipBlock('10.1.0.0/16') }, true).object.spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.1.0.0/16' } }]);
  });

  test('fails when the ingress source is every address or not a CIDR', () => {
    expect(() => policy({ ingressSource: IngressSource.ipBlock('0.0.0.0/0') }, true)).toThrow("'ingressSource': the ingress source must not be every address ('0.0.0.0/0')");
    expect(() => policy({ ingressSource: IngressSource.ipBlock('10.0.0.0') }, true)).toThrow("'ingressSource': the ingress source's CIDR must be an IPv4 block such as '10.0.0.0/16' (got '10.0.0.0').");
  });

  test('allows callers in and dependencies and AWS endpoints out, sorted', () => {
    const { object } = policy({
      callers: [{ workload: 'storefront', namespace: 'web' }, { workload: 'admin' }],
      dependencies: [{ workload: 'ledger', ports: [9090] }],
      awsEndpoints: [AwsEndpoint.publicHttps('s3'), AwsEndpoint.database('10.0.32.0/20'), AwsEndpoint.interfaceEndpoint('sqs', '10.0.0.0/16')],
      metricsPort: false,
    });
    expect(object.spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { 'paved.dev/workload': 'admin' } } }], ports: [http] },
      { from: [{ podSelector: { matchLabels: { 'paved.dev/workload': 'storefront' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } }], ports: [http] },
    ]);
    expect(object.spec.egress).toEqual([
      { to: [{ podSelector: { matchLabels: { 'paved.dev/workload': 'ledger' } } }], ports: [{ protocol: 'TCP', port: 9090 }] },
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 443 }] },
      { to: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ protocol: 'TCP', port: 443 }] },
      { to: [{ ipBlock: { cidr: '10.0.32.0/20' } }], ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);
  });

  test('fails when an endpoint CIDR or the metrics port is wrong', () => {
    expect(() => policy({ awsEndpoints: [AwsEndpoint.interfaceEndpoint('sqs', '10.0.0.0')], metricsPort: 'metrics' })).toThrow([
      "WorkloadNetworkPolicy 'Policy': 2 problems:",
      "  - 'awsEndpoints': the sqs endpoint's CIDR must be an IPv4 block such as '10.0.0.0/16' (got '10.0.0.0').",
      "  - 'metricsPort' must name a port of the workload ('http') (got 'metrics').",
    ].join('\n'));
  });
});
