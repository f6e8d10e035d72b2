import { Duration } from 'cdk8s';
import { parse } from 'yaml';
import { GrpcService, PythonWorker, ReactFrontend } from '../../golden-paths';
import { errorOf, goldenPathPlatform, readTree, synthToTemp, validateSynthOutput } from '../util';

/** The annotations of every Ingress of the default routing (`IngressRouting.awsLoadBalancer()`) in dev. */
const ALB_ANNOTATIONS = {
  'alb.ingress.kubernetes.io/group.name': 'acme-dev',
  'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
  'alb.ingress.kubernetes.io/load-balancer-attributes': 'routing.http.drop_invalid_header_fields.enabled=true',
  'alb.ingress.kubernetes.io/scheme': 'internet-facing',
  'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'alb.ingress.kubernetes.io/ssl-redirect': '443',
  'alb.ingress.kubernetes.io/target-type': 'ip',
};

/** One service of each remaining golden path, synthesized once. */
function variantsPlatform() {
  const platform = goldenPathPlatform({ asOf: '2026-11-28' });
  new PythonWorker(platform, 'shipper', { team: 'payments', queues: ['shipments'] });
  new ReactFrontend(platform, 'storefront', { team: 'web', dependsOn: ['inventory'] });
  new GrpcService(platform, 'inventory', { team: 'web', database: true });
  return platform;
}

describe('PythonWorker, ReactFrontend and GrpcService', () => {
  const outdir = synthToTemp(variantsPlatform());
  const files = readTree(outdir);
  const object = (path: string) => parse(files.get(path)!);
  const appFiles = (app: string) => [...files.keys()].filter((p) => p.startsWith(`gitops/dev/apps/${app}/`)).map((p) => p.split('/').pop());

  test('everything they produce passes the upstream validators', async () => {
    expect(await validateSynthOutput(outdir)).toEqual([]);
  });

  test('a worker has no Service and no Ingress, is scraped by a PodMonitor and stops gracefully', () => {
    expect(appFiles('shipper')).toEqual([
      'configmap-shipper-dashboard.yaml', 'deployment-shipper.yaml', 'horizontalpodautoscaler-shipper.yaml', 'kustomization.yaml',
      'networkpolicy-shipper.yaml', 'poddisruptionbudget-shipper.yaml', 'podmonitor-shipper.yaml', 'prometheusrule-shipper-slo.yaml',
      'serviceaccount-shipper.yaml',
    ]);
    const deployment = object('gitops/dev/apps/shipper/deployment-shipper.yaml');
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(Duration.minutes(2).toSeconds());
    expect(deployment.spec.template.spec.containers[0].env).toContainEqual({ name: 'QUEUE_SHIPMENTS_URL', value: 'https://sqs.eu-west-1.amazonaws.com/111111111111/acme-dev-shipper-shipments' });
    // Only the ingress controller would come in, and the worker has no Ingress: Prometheus only.
    expect(object('gitops/dev/apps/shipper/networkpolicy-shipper.yaml').spec.ingress).toHaveLength(1);
  });

  test('a frontend serves from an unprivileged server with a read-only root and writable cache', () => {
    const [container] = object('gitops/dev/apps/storefront/deployment-storefront.yaml').spec.template.spec.containers;
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsUser: 10001 });
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/var/cache/nginx']);
    expect(container.readinessProbe.httpGet.path).toBe('/');
    const ingress = object('gitops/dev/apps/storefront/ingress-storefront.yaml');
    expect(ingress.spec.rules[0].host).toBe('storefront.dev.acme.example');
    // The AWS Load Balancer Controller finds the ACM certificate by the tls host: no Secret named.
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.spec.tls).toEqual([{ hosts: ['storefront.dev.acme.example'] }]);
    expect(ingress.metadata.annotations).toEqual({ ...ALB_ANNOTATIONS, 'alb.ingress.kubernetes.io/healthcheck-path': '/', 'alb.ingress.kubernetes.io/success-codes': '200-399' });
    // The ALB sends to pod IPs from its network interfaces in the VPC, on the Ingress's port only.
    expect(object('gitops/dev/apps/storefront/networkpolicy-storefront.yaml').spec.ingress[0])
      .toEqual({ from: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ protocol: 'TCP', port: 'http' }] });
    expect(object('catalog/component-storefront.yaml').spec.type).toBe('website');
  });

  test('a gRPC service speaks h2c, is probed over gRPC, published through a gRPC ingress and has an API entity', () => {
    expect(object('gitops/dev/apps/inventory/service-inventory.yaml').spec.ports).toEqual([
      { name: 'grpc', port: 8080, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
    ]);
    const [container] = object('gitops/dev/apps/inventory/deployment-inventory.yaml').spec.template.spec.containers;
    expect(container.livenessProbe.grpc).toEqual({ port: 8080, service: 'liveness' });
    expect(container.readinessProbe.grpc).toEqual({ port: 8080 });
    expect(object('gitops/dev/apps/inventory/ingress-inventory.yaml').metadata.annotations).toEqual({
      ...ALB_ANNOTATIONS,
      'alb.ingress.kubernetes.io/backend-protocol-version': 'GRPC',
      'alb.ingress.kubernetes.io/healthcheck-path': '/grpc.health.v1.Health/Check',
      'alb.ingress.kubernetes.io/success-codes': '0',
    });
    const api = object('catalog/api-inventory.yaml');
    expect(api.spec).toMatchObject({ type: 'grpc', definition: expect.stringContaining('is published at https://github.com/acme/inventory/blob/main/proto/inventory.proto;') });
    expect(api.metadata.links).toEqual([{ url: 'https://github.com/acme/inventory/blob/main/proto/inventory.proto', title: 'Definition', icon: 'docs' }]);
  });

  test('fails when a frontend asks for a database', () => {
    expect(errorOf(() => new ReactFrontend(goldenPathPlatform(), 'shop', { team: 'web', database: true })))
      .toBe("ReactFrontend 'shop': 'database': a React frontend serves static files and has no database; move the data behind an API service (got true).");
  });
});
