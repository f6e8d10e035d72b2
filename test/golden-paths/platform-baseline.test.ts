import { parse } from 'yaml';
import { IngressRouting, IngressSource } from '../../constructs';
import { GOLDEN_PATHS, NodeApi, PlatformBaseline } from '../../golden-paths';
import { Platform, SelfService, StateBackend } from '../../src';
import {
  errorOf, goldenPathPlatform, recordedFacts, testPlatformProps, readStack, readTree, renderStack, resourcesOf, synthToTemp, validateSynthOutput,
} from '../util';

const AS_OF = '2026-11-28';

describe('PlatformBaseline', () => {
  const platform = goldenPathPlatform({ asOf: AS_OF });
  new NodeApi(platform, 'checkout', { team: 'payments' });
  const outdir = synthToTemp(platform);
  const files = readTree(outdir);

  test('gives every environment its network, cluster, log bucket, External Secrets identity and Argo CD bootstrap', () => {
    const stack = readStack(outdir, 'staging', 'platform-staging');
    expect(Object.keys(resourcesOf(stack, 'aws_vpc'))).toHaveLength(1);
    expect(Object.keys(resourcesOf(stack, 'aws_eks_cluster'))).toHaveLength(1);
    expect((Object.values(resourcesOf(stack, 'aws_iam_role')) as any[]).map((r) => r.name)).toContain('acme-staging-platform-external-secrets');
    expect(Object.values<any>(readStack(outdir, 'staging', 'argocd-staging').resource.helm_release).map((r) => r.name)).toEqual(['argocd', 'root-application']);
    expect(files.get('terraform/staging/argocd-staging/root-application/templates/root-application.yaml')).toContain('name: argocd-staging');
    expect(JSON.parse(files.get('terraform/stacks.json')!).stacks.find((s: any) => s.id === 'argocd-staging').dependsOn).toEqual(['platform-staging']);
  });

  test('gives each account one GitHub OIDC provider and a deploy role trusted by the platform repository', () => {
    const stack = readStack(outdir, 'dev', 'platform-dev');
    const providers = (Object.values(resourcesOf(stack, 'aws_iam_openid_connect_provider')) as any[]).map((p) => p.url);
    expect(providers.filter((url) => url === 'https://token.actions.githubusercontent.com')).toHaveLength(1);
    const deploy = (Object.values(resourcesOf(stack, 'aws_iam_role')) as any[]).find((r) => r.name === 'acme-paved-deploy');
    expect(JSON.parse(deploy.assume_role_policy).Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:acme/acme-platform:environment:dev']);
  });

  test('gives the deploy role no managed policy, a scoped policy that passes the guardrails, and a boundary of its own', () => {
    const stack = readStack(outdir, 'dev', 'platform-dev');
    const account = JSON.parse(Object.values<any>(resourcesOf(stack, 'aws_iam_role')).find((r) => r.name === 'acme-paved-deploy').assume_role_policy)
      .Statement[0].Principal.Federated[0].split(':')[4];
    expect(Object.values<any>(resourcesOf(stack, 'aws_iam_role_policy_attachment')).map((a) => a.policy_arn).sort()).toEqual([
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly', 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy', 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
    ]);
    const deploy = resourcesOf(stack, 'aws_iam_role').DeployRole_885297C3;
    expect(deploy.permissions_boundary).toBe('${aws_iam_policy.DeployRoleBoundary.arn}');
    const policy = resourcesOf(stack, 'aws_iam_role_policy').DeployRole_Policy_4A139BBC.policy as string;
    expect(policy.replace(/\s/g, '').length).toBeLessThanOrEqual(10240);
    const statements = Object.fromEntries(JSON.parse(policy).Statement.map((st: any) => [st.Sid, st]));
    const boundary = `arn:aws:iam::${account}:policy/acme-paved-boundary`;
    expect(statements.RolesWithBoundary).toMatchObject({
      Action: ['iam:CreateRole', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy'],
      Resource: [`arn:aws:iam::${account}:role/acme-*`],
      Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } },
    });
    expect(statements.ProtectSelf).toMatchObject({
      Effect: 'Deny',
      Resource: [
        `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`,
        boundary, `arn:aws:iam::${account}:policy/acme-paved-deploy-boundary`, `arn:aws:iam::${account}:role/acme-paved-deploy`,
      ],
    });
    expect(statements.StateObjects).toBeUndefined(); // state on local disk here
    expect(JSON.stringify(statements)).not.toContain('AdministratorAccess');
  });

  test("grants the deploy role exactly its account's state objects when the state is in S3", () => {
    const inS3 = goldenPathPlatform({ asOf: AS_OF, stateBackend: StateBackend.s3() });
    const policy: string = renderStack(inS3.placement('platform', 'dev').stack).resource.aws_iam_role_policy.DeployRole_Policy_4A139BBC.policy;
    const statements = Object.fromEntries(JSON.parse(policy).Statement.map((st: any) => [st.Sid, st]));
    const account = inS3.environment('dev').account;
    expect(statements.StateBucket).toBeUndefined(); // acme-tfstate-<account> is under the prefix the Buckets statement lists
    expect(statements.Buckets.Resource).toEqual(['arn:aws:s3:::acme-*']);
    expect(statements.StateObjects).toMatchObject({ Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: [`arn:aws:s3:::acme-tfstate-${account}/acme/dev/*`] });
    expect(policy.replace(/\s/g, '').length).toBeLessThanOrEqual(10240);
  });

  test('fails when the deploy policy of an account would pass IAM\'s size limit for inline policies', () => {
    const environments = testPlatformProps().environments!.map((e, i) => ({ ...e, account: '111111111111', region: ['eu-west-1', 'eu-central-1', 'us-east-1'][i] }));
    expect(errorOf(() => goldenPathPlatform({ asOf: AS_OF, environments }))).toMatch(
      /^PlatformBaseline 'Baseline': the deploy policy of account 111111111111 would be \d+ characters, above IAM's limit of 10240 for a role's inline policies \(regions \["eu-west-1","eu-central-1","us-east-1"\]\); keep one region per account\.$/);
  });

  test('puts the platform boundary on every role: by reference in its own stack, by ARN in service stacks', () => {
    const platformStack = readStack(outdir, 'dev', 'platform-dev');
    const roles = Object.values<any>(resourcesOf(platformStack, 'aws_iam_role')).filter((r) => r.name !== 'acme-paved-deploy');
    expect(roles.map((r) => r.permissions_boundary)).toEqual(roles.map(() => '${aws_iam_policy.PermissionsBoundary_2D0B48CC.arn}'));
    expect(resourcesOf(platformStack, 'aws_iam_policy').PermissionsBoundary_2D0B48CC.name).toBe('acme-paved-boundary');
    const serviceRoles = Object.values<any>(resourcesOf(readStack(outdir, 'dev', 'checkout-dev'), 'aws_iam_role'));
    expect(serviceRoles.length).toBeGreaterThan(0);
    for (const role of serviceRoles) {
      expect(role.permissions_boundary).toMatch(/^arn:aws:iam::\d{12}:policy\/acme-paved-boundary$/);
    }
  });

  test('gives every team its tenancy and AppProject, and the catalog its groups, systems, templates and location', () => {
    for (const team of ['payments', 'web']) {
      expect(parse(files.get(`gitops/dev/apps/platform/namespace-${team}.yaml`)!).metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted', 'paved.dev/tenant': team });
      expect(files.has(`gitops/dev/argocd/appproject-${team}.yaml`)).toBe(true);
      expect(files.has(`catalog/group-${team}.yaml`)).toBe(true);
    }
    // One Template per registered golden path (the registry's test pins which those are).
    expect([...files.keys()].filter((p) => p.startsWith('catalog/template-')).sort())
      .toEqual(GOLDEN_PATHS.ids.map((id) => `catalog/template-${id}.yaml`).sort());
    expect(parse(files.get('catalog/location-acme-catalog.yaml')!).spec.targets).toContain('./component-checkout.yaml');
  });

  test('fails when declared twice or after a service', () => {
    expect(errorOf(() => new PlatformBaseline(platform))).toContain('the platform already has a baseline');
  });

  test.each([
    ['dev', 'dev.acme.example'],
    ['prod', 'acme.example'],
  ])('gives %s a public zone %s, a DNS-validated certificate for its hosts, and its name servers as an output', (environment, zone) => {
    const baseline = PlatformBaseline.of(platform);
    expect(baseline.zoneFor(platform.environment(environment))).toBe(zone);
    expect(baseline.hostFor('checkout', platform.environment(environment))).toBe(`checkout.${zone}`);
    const stack = readStack(outdir, environment, `platform-${environment}`);
    expect(Object.values<any>(resourcesOf(stack, 'aws_route53_zone'))).toEqual([expect.objectContaining({ name: zone, force_destroy: false })]);
    const [certificate] = Object.values<any>(resourcesOf(stack, 'aws_acm_certificate'));
    expect(certificate).toMatchObject({ domain_name: `*.${zone}`, subject_alternative_names: [zone], validation_method: 'DNS' });
    expect(Object.keys(resourcesOf(stack, 'aws_acm_certificate_validation'))).toHaveLength(1);
    expect(stack.output.dns_name_servers.value).toBe('${aws_route53_zone.DnsZone_5A00774F.name_servers}');
  });

  test('routes through the AWS Load Balancer Controller by default, one ALB per environment', () => {
    const baseline = PlatformBaseline.of(platform);
    expect(baseline.ingress.className).toBe('alb');
    expect(baseline.ingress.source).toEqual(IngressSource.environmentNetwork());
    expect(baseline.dnsZones.get('staging')!.zoneName).toBe('staging.acme.example');
    expect(baseline.certificates.get('staging')!.domainNames).toEqual(['*.staging.acme.example', 'staging.acme.example']);
  });
});

describe('PlatformBaseline with another ingress controller', () => {
  const environments = testPlatformProps().environments!.map((e) => ({ ...e, existing: recordedFacts(e.name) }));
  const platform = new Platform({ ...testPlatformProps(), environments });
  new PlatformBaseline(platform, {
    platformTeam: 'payments',
    domain: 'acme.example',
    ingress: IngressRouting.controller({
      className: 'traefik',
      source: IngressSource.namespace('traefik'),
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
      grpcAnnotations: { 'traefik.ingress.kubernetes.io/service.serversscheme': 'h2c' },
      tlsSecrets: true,
    }),
    // The platform team brings the controller and the issuer; the closure rules hold it to both.
    addOns: {
      certManager: true,
      custom: [
        { name: 'traefik', repoURL: 'https://traefik.github.io/charts', chart: 'traefik', version: '37.1.1', namespace: 'traefik', provides: { ingressClasses: ['traefik'] } },
        { name: 'issuers', repoURL: 'https://charts.acme.example', chart: 'cluster-issuers', version: '1.0.0', namespace: 'cert-manager', provides: { certificates: { clusterIssuers: ['letsencrypt'] } } },
      ],
    },
  });
  new NodeApi(platform, 'checkout', { team: 'payments' });
  const files = readTree(synthToTemp(platform));
  const object = (path: string) => parse(files.get(path)!);

  test('golden paths use its class, annotations and TLS Secret, and network policies admit its namespace', () => {
    const ingress = object('gitops/dev/apps/checkout/ingress-checkout.yaml');
    expect(ingress.spec.ingressClassName).toBe('traefik');
    expect(ingress.spec.tls).toEqual([{ hosts: ['checkout.dev.acme.example'], secretName: 'checkout-tls' }]);
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(object('gitops/dev/apps/checkout/networkpolicy-checkout.yaml').spec.ingress[0])
      .toEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }], ports: [{ protocol: 'TCP', port: 'http' }] });
  });

  test('fails when the routing is not an IngressRouting, or its options are wrong', () => {
    const fresh = () => new Platform(testPlatformProps());
    expect(errorOf(() => new PlatformBaseline(fresh(), { ingress: 'alb' as any }))).toContain("'ingress'");
    expect(errorOf(() => new PlatformBaseline(fresh(), { ingress: IngressRouting.awsLoadBalancer({ sslPolicy: 'ELBSecurityPolicy-2016-08' }) })))
      .toBe("PlatformBaseline 'Baseline': 'ingress': 'sslPolicy' must be an ELBSecurityPolicy-TLS13-* policy, which allows TLS 1.2 at least (got \"ELBSecurityPolicy-2016-08\"); the default is 'ELBSecurityPolicy-TLS13-1-2-2021-06'.");
    expect(errorOf(() => new PlatformBaseline(fresh(), { ingress: IngressRouting.controller({ className: 'Traefik', source: IngressSource.ipBlock('0.0.0.0/0') }) })))
      .toContain("'ingress': 'className' must be the name of an IngressClass such as 'traefik' (got \"Traefik\").");
  });
});

describe('self-service requests on the baseline', () => {
  const selfService = SelfService.fromState({
    environments: [
      { name: 'pr-42', from: 'dev', created: '2026-11-27T10:00:00.000Z', expires: '2026-11-30', by: 'dev@acme.example' },
      { name: 'pr-41', from: 'dev', created: '2026-11-17T10:00:00.000Z', expires: '2026-11-20', by: 'dev@acme.example' },
      { name: 'pr-10', from: 'dev', created: '2026-09-28T10:00:00.000Z', expires: '2026-10-01', by: 'dev@acme.example' },
    ],
    accessGrants: [
      { group: 'acme-auditors', team: 'payments', environment: 'prod', role: 'view', until: '2026-12-31', granted: '2026-11-20T09:00:00.000Z', by: 'lead@acme.example' },
      { group: 'acme-contractors', team: 'payments', environment: 'dev', role: 'edit', until: '2026-11-01', granted: '2026-10-01T09:00:00.000Z', by: 'lead@acme.example' },
    ],
    secretRotations: [{ service: 'checkout', secret: 'stripe', generation: 2, rotated: '2026-11-26T08:00:00.000Z', by: 'sec@acme.example' }],
  });
  const platform = goldenPathPlatform({ asOf: AS_OF, selfService });
  new NodeApi(platform, 'checkout', { team: 'payments', secrets: ['stripe'] });
  const outdir = synthToTemp(platform);
  const files = readTree(outdir);

  test('an ephemeral environment gets namespaces in the dev cluster and its own Argo CD apps, rooted in dev', async () => {
    expect(parse(files.get('gitops/pr-42/apps/platform/namespace-payments-pr-42.yaml')!).metadata.name).toBe('payments-pr-42');
    expect(parse(files.get('gitops/pr-42/argocd/application-checkout-pr-42.yaml')!).spec.destination.namespace).toBe('payments-pr-42');
    expect(parse(files.get('gitops/dev/argocd/application-argocd-pr-42.yaml')!).spec.source.path).toBe('pr-42/argocd');
    expect(parse(files.get('gitops/dev/argocd/appproject-payments.yaml')!).spec.destinations.map((d: any) => d.namespace)).toEqual(['payments', 'payments-pr-42']);
    expect([...files.keys()].some((p) => p.startsWith('terraform/pr-42/platform-'))).toBe(false);
    expect(await validateSynthOutput(outdir)).toEqual([]);
  });

  test("an ephemeral environment's hosts are one label under its cluster's zone, which the zone's certificate covers", () => {
    const ingress = parse(files.get('gitops/pr-42/apps/checkout/ingress-checkout.yaml')!);
    expect(ingress.spec.rules.map((r: any) => r.host)).toEqual(['checkout--pr-42.dev.acme.example']);
    expect(ingress.spec.tls).toEqual([{ hosts: ['checkout--pr-42.dev.acme.example'] }]);
    const certificate = Object.values<any>(resourcesOf(readStack(outdir, 'dev', 'platform-dev'), 'aws_acm_certificate'))[0];
    expect([certificate.domain_name, ...certificate.subject_alternative_names ?? []]).toContain('*.dev.acme.example');
  });

  test('an ended environment keeps empty stacks for two weeks, so an apply destroys its resources', () => {
    const stack = readStack(outdir, 'pr-41', 'checkout-pr-41');
    expect(stack.resource).toBeUndefined();
    // The same state as while the environment ran: applying this empty configuration destroys it all.
    expect(stack.terraform.backend).toEqual({ local: { path: '../../../../.paved-state/pr-41/checkout-pr-41.tfstate' } });
    expect([...files.keys()].filter((p) => p.includes('pr-41')).sort()).toEqual(['terraform/pr-41/checkout-pr-41/cdk.tf.json']);
    expect([...files.keys()].some((p) => p.includes('pr-10'))).toBe(false);
  });

  test('an access grant in force is a RoleBinding until its day; an expired one is gone', () => {
    const binding = parse(files.get('gitops/prod/apps/platform/rolebinding-payments-grant-view-acme-auditors.yaml')!);
    expect(binding).toMatchObject({ roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: 'acme-auditors' }], metadata: { annotations: { 'paved.dev/access-until': '2026-12-31' } } });
    expect([...files.keys()].some((p) => p.includes('acme-contractors'))).toBe(false);
  });

  test('a rotated secret re-syncs and rolls the pods through a configuration change', () => {
    expect(parse(files.get('gitops/dev/apps/checkout/externalsecret-checkout-stripe.yaml')!).metadata.annotations).toEqual({ 'paved.dev/rotation-generation': '2' });
    expect(parse(files.get('gitops/dev/apps/checkout/deployment-checkout.yaml')!).spec.template.metadata.annotations).toEqual({ 'paved.dev/rotation-stripe': '2' });
  });
});

describe('cluster add-ons on the baseline', () => {
  const platform = new Platform({
    ...testPlatformProps({ asOf: AS_OF }),
    environments: testPlatformProps().environments!.map((e) => ({ ...e, existing: recordedFacts(e.name) })),
  });
  new PlatformBaseline(platform, {
    platformTeam: 'payments',
    domain: 'acme.example',
    addOns: {
      metricsServer: false,
      externalDns: { version: '1.20.0' },
      kubePrometheusStack: { values: { alertmanager: { enabled: false } } },
      custom: [
        { name: 'karpenter', repoURL: 'oci://public.ecr.aws/karpenter', chart: 'karpenter', version: '1.8.0', namespace: 'karpenter' },
        // In metrics-server's place: the closure rules want something to serve the autoscalers' CPU metrics.
        { name: 'prometheus-adapter', repoURL: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus-adapter', version: '5.2.0', namespace: 'monitoring', provides: { resourceMetrics: true } },
      ],
    },
  });
  new NodeApi(platform, 'checkout', { team: 'payments' });
  const outdir = synthToTemp(platform);
  const files = readTree(outdir);
  const report = JSON.parse(files.get('report/report.json')!);

  test('pass the guardrails and the upstream validators', async () => {
    expect(report.totals.errors).toBe(0);
    expect(await validateSynthOutput(outdir)).toEqual([]);
  });

  test("the report shows each environment's add-ons: chart@version and whether paved's default, changed, own or off", () => {
    expect(Object.keys(report.addOns)).toEqual(['dev', 'prod', 'staging']);
    expect(report.addOns.dev.map((a: any) => [a.name, a.chart, a.status, a.detail])).toEqual([
      ['argo-cd', 'argo-cd@10.1.1', 'default', ''],
      ['aws-load-balancer-controller', 'aws-load-balancer-controller@3.5.0', 'default', ''],
      ['cert-manager', '-', 'off', 'opt-in'],
      ['external-dns', 'external-dns@1.20.0', 'changed', 'version'],
      ['external-secrets', 'external-secrets@2.9.0', 'default', ''],
      ['karpenter', 'karpenter@1.8.0', 'own', ''],
      ['kube-prometheus-stack', 'kube-prometheus-stack@88.5.3', 'changed', 'values'],
      ['metrics-server', '-', 'off', 'turned-off'],
      ['prometheus-adapter', 'prometheus-adapter@5.2.0', 'own', ''],
    ]);
    const page = files.get('report/index.html')!;
    expect(page).toContain('<h2>Cluster add-ons</h2>');
    expect(page).toContain("<td>karpenter@1.8.0</td><td>platform team's own</td>");
  });

  test("the add-ons' IAM roles are in each environment's platform stack", () => {
    const names = Object.values<any>(resourcesOf(readStack(outdir, 'prod', 'platform-prod'), 'aws_iam_role')).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['acme-prod-platform-aws-load-balancer-controller', 'acme-prod-platform-external-dns', 'acme-prod-platform-external-secrets']));
  });

  test('fail the synth when metrics-server is off and nothing else serves the metrics the autoscalers read', () => {
    const environments = testPlatformProps().environments!.map((e) => ({ ...e, existing: recordedFacts(e.name) }));
    const other = new Platform({ ...testPlatformProps({ asOf: AS_OF }), environments });
    new PlatformBaseline(other, { platformTeam: 'payments', domain: 'acme.example', addOns: { metricsServer: false } });
    new NodeApi(other, 'checkout', { team: 'payments' });
    expect(errorOf(() => synthToTemp(other))).toContain('PAVED-CLS-HPA-001  gitops/dev/apps/checkout/horizontalpodautoscaler-checkout.yaml');
  });

  test('fails when an add-on option has the wrong shape', () => {
    const other = new Platform(testPlatformProps());
    expect(errorOf(() => new PlatformBaseline(other, { addOns: { certManager: 'yes' as any } }))).toContain("'addOns.certManager'");
  });
});
