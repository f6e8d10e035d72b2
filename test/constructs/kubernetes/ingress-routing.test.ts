import { DEFAULT_ALB_SSL_POLICY, HealthCheck, IngressRouting, IngressSource } from '../../../constructs';

const http = { loadBalancerGroup: 'acme-dev', protocol: 'http', readinessCheck: HealthCheck.http('/ready') } as const;

describe('IngressRouting.awsLoadBalancer', () => {
  test('defaults: class alb, pods by IP, one internet-facing ALB per group, HTTPS with a TLS 1.3 policy, HTTP redirected, no TLS Secret', () => {
    const routing = IngressRouting.awsLoadBalancer();
    expect([routing.className, routing.tlsSecrets, routing.tlsSecretNameFor('checkout'), routing.problems]).toEqual(['alb', false, undefined, []]);
    expect(routing.source).toEqual(IngressSource.environmentNetwork());
    expect(routing.annotationsFor(http)).toEqual({
      'alb.ingress.kubernetes.io/group.name': 'acme-dev',
      'alb.ingress.kubernetes.io/healthcheck-path': '/ready',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/load-balancer-attributes': 'routing.http.drop_invalid_header_fields.enabled=true',
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/ssl-policy': DEFAULT_ALB_SSL_POLICY,
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
      'alb.ingress.kubernetes.io/success-codes': '200-399',
      'alb.ingress.kubernetes.io/target-type': 'ip',
    });
    expect(DEFAULT_ALB_SSL_POLICY).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
  });

  test('a gRPC target speaks gRPC to the pods and is checked through the standard health service', () => {
    expect(IngressRouting.awsLoadBalancer().annotationsFor({ ...http, protocol: 'grpc', readinessCheck: HealthCheck.grpc() })).toMatchObject({
      'alb.ingress.kubernetes.io/backend-protocol-version': 'GRPC',
      'alb.ingress.kubernetes.io/healthcheck-path': '/grpc.health.v1.Health/Check',
      'alb.ingress.kubernetes.io/success-codes': '0',
    });
  });

  test('takes an internal scheme and another TLS 1.3 policy', () => {
    expect(IngressRouting.awsLoadBalancer({ scheme: 'internal', sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' }).annotationsFor(http)).toMatchObject({
      'alb.ingress.kubernetes.io/scheme': 'internal',
      'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-3-2021-06',
    });
  });

  test('fails when the scheme or the TLS policy is wrong', () => {
    expect(IngressRouting.awsLoadBalancer({ scheme: 'public' as any, sslPolicy: 'ELBSecurityPolicy-2016-08' }).problems).toEqual([
      "'scheme' must be 'internet-facing' or 'internal' (got \"public\").",
      "'sslPolicy' must be an ELBSecurityPolicy-TLS13-* policy, which allows TLS 1.2 at least (got \"ELBSecurityPolicy-2016-08\"); the default is 'ELBSecurityPolicy-TLS13-1-2-2021-06'.",
    ]);
  });
});

describe('IngressRouting.controller', () => {
  const routing = IngressRouting.controller({
    className: 'traefik',
    source: IngressSource.namespace('traefik'),
    annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
    grpcAnnotations: { 'traefik.ingress.kubernetes.io/service.serversscheme': 'h2c' },
    tlsSecrets: true,
  });

  test('gives its class, its annotations (and those for gRPC), a TLS Secret per workload and its source', () => {
    expect([routing.className, routing.tlsSecretNameFor('checkout'), routing.source.namespace]).toEqual(['traefik', 'checkout-tls', 'traefik']);
    expect(routing.annotationsFor(http)).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(routing.annotationsFor({ ...http, protocol: 'grpc' })).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt', 'traefik.ingress.kubernetes.io/service.serversscheme': 'h2c',
    });
    expect(IngressRouting.isIngressRouting(routing)).toBe(true);
  });

  test('fails when the class is not a name or the source is wrong', () => {
    expect(IngressRouting.controller({ className: 'Traefik', source: IngressSource.namespace('Traefik') }).problems).toEqual([
      "'className' must be the name of an IngressClass such as 'traefik' (got \"Traefik\").",
      "'source': the ingress controller's namespace must be a Kubernetes name such as 'traefik' (got 'Traefik').",
    ]);
    expect(IngressRouting.controller({ className: 'traefik', source: 'traefik' as any }).problems)
      .toEqual(["'source' must be an IngressSource, such as IngressSource.namespace('traefik')."]);
  });
});
