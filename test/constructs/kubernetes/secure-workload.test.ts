import { Duration } from 'cdk8s';
import { ExternalSecret, HealthCheck, Image, IngressRouting, IngressSource, SecureWorkload, SecureWorkloadProps } from '../../../constructs';
import { check } from '../../../src';
import { objectOfKind, objectsOfKind, testPlatform } from '../../util';

const IMAGE = Image.fromTag('ghcr.io/acme/checkout', '1.4.2');

function workload(props: Partial<SecureWorkloadProps> = {}, env = 'prod') {
  const platform = testPlatform();
  platform.declareComponent({ name: 'checkout', team: 'payments' });
  const chart = platform.placement('checkout', env).chart;
  const construct = new SecureWorkload(chart, 'Workload', { image: IMAGE, ...props });
  return { chart, construct, deployment: objectOfKind(chart, 'Deployment') };
}

describe('SecureWorkload', () => {
  const { chart, construct, deployment } = workload();
  const pod = deployment.spec.template.spec;
  const [container] = pod.containers;

  test('defaults resolve onto the construct', () => {
    expect(construct.name).toBe('checkout');
    expect(construct.ports).toEqual([{ name: 'http', port: 8080 }]);
    expect(construct.resources).toEqual({ cpuMillis: 100, memoryMiB: 256, memoryLimitMiB: 256, ephemeralStorageGiB: 1 });
    expect([construct.minReplicas, construct.maxReplicas, construct.targetCpuUtilizationPercent]).toEqual([3, 9, 70]);
    expect([construct.runAsUser, construct.runAsGroup]).toEqual([10001, 10001]);
    expect(construct.terminationGracePeriod.toSeconds()).toBe(30);
    expect(construct.writableDirectories).toEqual(['/tmp']);
    expect([construct.readOnlyRootFilesystem, construct.automountServiceAccountToken]).toEqual([true, false]);
    expect(construct.node.defaultChild).toBe(construct.deployment);
  });

  test('the Pod meets Pod Security restricted', () => {
    expect(pod.securityContext).toEqual({
      fsGroup: 10001,
      fsGroupChangePolicy: 'Always',
      runAsGroup: 10001,
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 10001,
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(pod.volumes).toEqual([{ emptyDir: {}, name: 'tmp' }]);
    expect(deployment.metadata.annotations).toBeUndefined();
  });

  test('requests and a memory limit, no CPU limit', () => {
    expect(container.resources).toEqual({
      requests: { 'cpu': '100m', 'memory': '256Mi', 'ephemeral-storage': '1Gi' },
      limits: { memory: '256Mi' },
    });
  });

  test('distinct startup, liveness and readiness probes on the first port', () => {
    const http = { httpGet: { path: '/healthz', port: 8080 }, successThreshold: 1, timeoutSeconds: 1 };
    expect(container.startupProbe).toEqual({ ...http, periodSeconds: 5, failureThreshold: 60 });
    expect(container.livenessProbe).toEqual({ ...http, periodSeconds: 10, failureThreshold: 3 });
    expect(container.readinessProbe).toEqual({ ...http, periodSeconds: 5, failureThreshold: 2 });
  });

  test('stable selector labels, no cdk8s address label, spread over zones and nodes', () => {
    expect(deployment.spec.selector).toEqual({ matchLabels: { 'paved.dev/workload': 'checkout' } });
    expect(deployment.spec.template.metadata.labels).toMatchObject({ 'paved.dev/workload': 'checkout', 'backstage.io/kubernetes-id': 'checkout', 'paved.dev/team': 'payments' });
    expect(JSON.stringify(deployment)).not.toContain('cdk8s.io/metadata.addr');
    expect(pod.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable])).toEqual([
      ['topology.kubernetes.io/zone', 'DoNotSchedule'],
      ['kubernetes.io/hostname', 'ScheduleAnyway'],
    ]);
  });

  test('the autoscaler owns the replica count', () => {
    expect(deployment.spec.replicas).toBeUndefined();
    const hpa = objectOfKind(chart, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({ minReplicas: 3, maxReplicas: 9, scaleTargetRef: { kind: 'Deployment', name: 'checkout' } });
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  });

  test('a disruption budget, a ServiceAccount without token, a Service, no Ingress', () => {
    expect(objectOfKind(chart, 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'paved.dev/workload': 'checkout' } } });
    const account = objectOfKind(chart, 'ServiceAccount');
    expect(account.automountServiceAccountToken).toBe(false);
    expect(account.metadata.annotations).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe('checkout');
    expect(objectOfKind(chart, 'Service').spec).toEqual({
      type: 'ClusterIP',
      selector: { 'paved.dev/workload': 'checkout' },
      ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(objectsOfKind(chart, 'Ingress')).toEqual([]);
    expect(objectsOfKind(chart, 'Secret')).toEqual([]);
  });

  test('the development tier spreads over zones when it can and starts from its own minimum', () => {
    const dev = workload({}, 'dev');
    expect(dev.deployment.spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable).toBe('ScheduleAnyway');
    expect([dev.construct.minReplicas, dev.construct.maxReplicas]).toEqual([1, 3]);
  });

  test('every prop reaches the objects', () => {
    const platform = testPlatform();
    platform.declareComponent({ name: 'checkout', team: 'payments' });
    const c = platform.placement('checkout', 'dev').chart;
    const secret = new ExternalSecret(c, 'Secret', { name: 'checkout-env', remoteSecret: 'acme/dev/checkout' });
    const w = new SecureWorkload(c, 'Workload', {
      name: 'api',
      image: Image.fromDigest('ghcr.io/acme/api', `sha256:${'b'.repeat(64)}`),
      ports: [{ name: 'grpc', port: 9090, appProtocol: 'kubernetes.io/h2c' }],
      healthCheck: HealthCheck.grpc(),
      readinessCheck: HealthCheck.grpc('ready'),
      resources: { cpuMillis: 250, memoryMiB: 512, memoryLimitMiB: 768, ephemeralStorageGiB: 2 },
      autoscaling: { minReplicas: 2, maxReplicas: 4, targetCpuUtilizationPercent: 60 },
      env: { B: '2', A: '1' },
      envFromSecrets: [secret],
      roleArn: 'arn:aws:iam::111111111111:role/api',
      ingress: { host: 'api.acme.example', routing: IngressRouting.controller({ className: 'traefik', source: IngressSource.namespace('traefik'), tlsSecrets: true }), protocol: 'grpc' },
      terminationGracePeriod: Duration.seconds(60),
      writableDirectories: ['/var/cache/nginx'],
      runAsUser: 20000,
      runAsGroup: 20001,
      writableRootFilesystem: { reason: 'legacy server writes its pid file to /', owner: 'payments', expires: '2027-06-30' },
      serviceAccountToken: { reason: 'reads ConfigMaps through the Kubernetes API', owner: 'payments', expires: '2027-06-30' },
    });
    const d = objectOfKind(c, 'Deployment');
    const p = d.spec.template.spec;
    const [k] = p.containers;
    expect(w.name).toBe('api');
    expect(k.image).toBe(`ghcr.io/acme/api@sha256:${'b'.repeat(64)}`);
    expect(k.imagePullPolicy).toBe('IfNotPresent');
    expect(k.ports).toEqual([{ containerPort: 9090, name: 'grpc' }]);
    expect(k.livenessProbe.grpc).toEqual({ port: 9090 });
    expect(k.readinessProbe.grpc).toEqual({ port: 9090, service: 'ready' });
    expect(k.resources).toEqual({ requests: { 'cpu': '250m', 'memory': '512Mi', 'ephemeral-storage': '2Gi' }, limits: { memory: '768Mi' } });
    expect(k.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    expect(k.envFrom).toEqual([{ secretRef: { name: 'checkout-env' } }]);
    expect(k.securityContext).toMatchObject({ runAsUser: 20000, runAsGroup: 20001, readOnlyRootFilesystem: false });
    expect(k.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/var/cache/nginx']);
    expect(p.terminationGracePeriodSeconds).toBe(60);
    expect(p.automountServiceAccountToken).toBe(true);
    expect(c.platform.deviations).toEqual([
      { ruleId: 'PAVED-K8S-POD-003', reason: 'legacy server writes its pid file to /', owner: 'payments', expires: '2027-06-30', environments: ['dev'], declaredBy: 'checkout' },
      { ruleId: 'PAVED-K8S-SA-001', reason: 'reads ConfigMaps through the Kubernetes API', owner: 'payments', expires: '2027-06-30', environments: ['dev'], declaredBy: 'checkout' },
    ]);
    expect(objectOfKind(c, 'ServiceAccount')).toMatchObject({
      automountServiceAccountToken: true,
      metadata: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111111111111:role/api' } },
    });
    expect(objectOfKind(c, 'Service').spec.ports).toEqual([{ name: 'grpc', port: 9090, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' }]);
    expect(objectOfKind(c, 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 2, maxReplicas: 4 });
    expect(objectOfKind(c, 'Ingress').spec).toEqual({
      ingressClassName: 'traefik',
      tls: [{ hosts: ['api.acme.example'], secretName: 'api-tls' }],
      rules: [{ host: 'api.acme.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'grpc' } } } }] } }],
    });
  });

  test('an Ingress defaults to the ALB class and names no TLS Secret: the controller finds the certificate by host', () => {
    const { chart: c } = workload({ ingress: { host: 'checkout.acme.example' } });
    expect(objectOfKind(c, 'Ingress').spec).toMatchObject({ ingressClassName: 'alb', tls: [{ hosts: ['checkout.acme.example'] }] });
    expect(objectOfKind(c, 'Ingress').spec.tls[0]).not.toHaveProperty('secretName');
    // One ALB per environment, HTTPS only (HTTP redirects), the health check on the readiness path.
    expect(objectOfKind(c, 'Ingress').metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/group.name': 'acme-prod',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
      'alb.ingress.kubernetes.io/healthcheck-path': '/healthz',
    });
  });

  test('fails when the image is tagged latest', () => {
    expect(() => workload({ image: Image.fromTag('ghcr.io/acme/checkout', 'latest') }))
      .toThrow("SecureWorkload 'Workload': 'image': the tag must be an explicit version such as '1.4.2' or a commit SHA, not 'latest' or empty (got 'latest')");
  });

  test('fails when the image has no tag or a bad digest', () => {
    expect(() => workload({ image: Image.fromTag('ghcr.io/acme/checkout', '') })).toThrow("not 'latest' or empty (got '')");
    expect(() => workload({ image: Image.fromDigest('ghcr.io/acme/checkout', 'sha256:abc') })).toThrow("'image': the digest must be 'sha256:' followed by 64 lowercase hex characters (got 'sha256:abc')");
    expect(() => workload({ image: Image.fromTag('ghcr.io/acme/checkout:1.0', '1.0') })).toThrow("'image': the repository must be a registry path");
  });

  test('fails when the ports, ids, replicas or resources are out of range, listing every problem', () => {
    expect(() => workload({
      ports: [{ port: 80 }], runAsUser: 1000, autoscaling: { minReplicas: 3, maxReplicas: 2 }, resources: { memoryMiB: 512, memoryLimitMiB: 256 },
    })).toThrow([
      "SecureWorkload 'Workload': 4 problems:",
      "  - 'ports' must be 1024-65535 (got 80); containers run as non-root, so use 8080.",
      "  - 'resources.memoryLimitMiB' (256) must be at least 'resources.memoryMiB' (512); raise the limit or lower the request.",
      "  - 'autoscaling.maxReplicas' must be a whole number of at least minReplicas (3) (got 2).",
      "  - 'runAsUser' must be a whole number of at least 10000, so that it matches no user on the node (got 1000); build the image with that id, e.g. 'USER 10001'.",
    ].join('\n'));
  });

  test('fails when a plain variable looks like a secret, as the guardrail judges it', () => {
    expect(() => workload({ env: { DATABASE_URL: 'postgres://app:s3cr3t-pw@db:5432/app' } })).toThrow("'env.DATABASE_URL' looks like a secret");
    expect(() => workload({ env: { TOKEN_ENDPOINT: 'https://auth.example/token' } })).not.toThrow();
    expect(() => workload({ env: { DB_PASSWORD: 'hunter2' } }))
      .toThrow("'env.DB_PASSWORD' looks like a secret, and plain variables are written into the manifests in clear text; put it in AWS Secrets Manager and pass it with 'envFromSecrets' (an ExternalSecret).");
  });

  test('fails at check when a deviation has no real reason', () => {
    const { chart: deviating } = workload({ writableRootFilesystem: { reason: 'needed', owner: 'payments', expires: '2027-06-30' } });
    expect(() => check(deviating.platform, { asOf: '2026-11-28' }))
      .toThrow("deviation for 'PAVED-K8S-POD-003' declared by service 'checkout': 'reason' must say why in at least 20 characters (got \"needed\").");
  });

  test('fails when the role or the host is malformed', () => {
    expect(() => workload({ roleArn: 'checkout-role', ingress: { host: 'https://checkout' } })).toThrow(
      "'roleArn' must be an IAM role ARN such as 'arn:aws:iam::111111111111:role/checkout' (got 'checkout-role').");
  });
});
