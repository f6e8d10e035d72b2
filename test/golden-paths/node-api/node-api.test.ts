import { join } from 'path';
import { parse } from 'yaml';
import { NodeApi } from '../../../golden-paths';
import { describeWithKubectl, describeWithTerraform, goldenPathPlatform, kustomize, readStack, readTree, resourcesOf, runTerraform, statementsOf, synthToTemp, TERRAFORM_TIMEOUT_MS, validateSynthOutput } from '../../util';

const AS_OF = '2026-11-28';

/** The declaration the README shows: a service in a few lines. */
function checkoutPlatform() {
  const platform = goldenPathPlatform({ asOf: AS_OF });
  new NodeApi(platform, 'checkout', {
    team: 'payments',
    database: true,
    queues: ['orders'],
    buckets: ['receipts'],
    secrets: ['stripe'],
    openApiPath: 'openapi.yaml',
  });
  return platform;
}

describe('NodeApi', () => {
  const outdir = synthToTemp(checkoutPlatform());
  const files = readTree(outdir);
  const object = (path: string) => parse(files.get(path)!);

  test('everything it produces passes the upstream validators', async () => {
    expect(await validateSynthOutput(outdir)).toEqual([]);
  });

  test('runs a secure workload on 8080 with /healthz and /readyz probes, published with TLS', () => {
    const deployment = object('gitops/dev/apps/checkout/deployment-checkout.yaml');
    const [container] = deployment.spec.template.spec.containers;
    expect(container.ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 8080 });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 8080 });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true, allowPrivilegeEscalation: false });
    expect(deployment.spec.replicas).toBeUndefined();
    // No TLS Secret: the AWS Load Balancer Controller finds the environment's ACM certificate by the tls host.
    expect(object('gitops/dev/apps/checkout/ingress-checkout.yaml').spec.tls).toEqual([{ hosts: ['checkout.dev.acme.example'] }]);
    expect(object('gitops/dev/apps/checkout/ingress-checkout.yaml').metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/healthcheck-path': '/readyz',
      'alb.ingress.kubernetes.io/group.name': 'acme-dev',
    });
    expect(object('gitops/prod/apps/checkout/ingress-checkout.yaml').spec.rules[0].host).toBe('checkout.acme.example');
  });

  test('tells the code where its database, queues and buckets are, and never a secret value', () => {
    const [container] = object('gitops/dev/apps/checkout/deployment-checkout.yaml').spec.template.spec.containers;
    expect(Object.fromEntries(container.env.map((e: any) => [e.name, e.value]))).toEqual({
      AWS_REGION: 'eu-west-1',
      BUCKET_RECEIPTS: 'acme-dev-checkout-receipts',
      DATABASE_NAME: 'checkout',
      DATABASE_PORT: '5432',
      DATABASE_USER: 'checkout',
      PAVED_ENVIRONMENT: 'dev',
      PAVED_SERVICE: 'checkout',
      QUEUE_ORDERS_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/acme-dev-checkout-orders',
    });
    expect(container.envFrom).toEqual([{ secretRef: { name: 'checkout-database' } }, { secretRef: { name: 'checkout-stripe' } }]);
    expect(object('gitops/dev/apps/checkout/externalsecret-checkout-stripe.yaml').spec.dataFrom[0].extract.key).toBe('acme-dev-checkout-stripe');
    for (const [path, content] of files) {
      expect({ path, secret: /^kind: Secret$/m.test(content) }).toEqual({ path, secret: false });
    }
  });

  test('grants its identity exactly its queue, bucket and database, and External Secrets exactly its secrets', () => {
    const stack = readStack(outdir, 'dev', 'checkout-dev');
    const policies = Object.values(resourcesOf(stack, 'aws_iam_role_policy')) as any[];
    const identity = statementsOf(policies.find((p) => p['//'].metadata.path === 'checkout-dev/Identity/Policy').policy);
    expect(Object.keys(identity).sort()).toEqual([
      'DatabaseConnectCheckout', 'KeyDecryptViaSqs', 'KeyEncryptDecryptViaS3', 'KeyEncryptDecryptViaSqs',
      'OrdersConsume', 'OrdersSend', 'ReceiptsList', 'ReceiptsReadWrite',
    ]);
    for (const statement of Object.values(identity)) {
      expect([statement.Resource].flat()).not.toContain('*');
    }
    const externalSecrets = policies.find((p) => p['//'].metadata.path === 'checkout-dev/ExternalSecretsAccess/Policy');
    expect(externalSecrets.role).toBe('acme-dev-platform-external-secrets');
    expect(Object.keys(statementsOf(externalSecrets.policy)).sort()).toEqual(['DatabaseConnectionRead', 'KeyDecryptViaSecretsmanager', 'StripeRead']);
  });

  test('has its Argo CD Application in the team project and its catalog Component and API', () => {
    const application = object('gitops/dev/argocd/application-checkout-dev.yaml');
    expect(application.spec).toMatchObject({ project: 'payments', destination: { namespace: 'payments' }, source: { path: 'dev/apps/checkout' } });
    expect(object('catalog/component-checkout.yaml').spec).toMatchObject({ owner: 'group:payments', providesApis: ['checkout'], type: 'service' });
    expect(object('catalog/api-checkout.yaml').spec.type).toBe('openapi');
  });
});

describeWithKubectl('NodeApi manifests build with kustomize', () => {
  test('the app directories build, with the image from the release component', () => {
    const outdir = synthToTemp(checkoutPlatform());
    expect(kustomize(join(outdir, 'gitops/dev/apps/checkout'))).toContain('kind: Deployment');
    // The release component pins the image; until CI pins a digest, the declared tag.
    expect(kustomize(join(outdir, 'gitops/prod/apps/checkout'))).toContain('image: 333333333333.dkr.ecr.eu-west-1.amazonaws.com/acme-prod-checkout-images:0.1.0');
  });
});

describeWithTerraform('NodeApi stacks pass terraform validate', () => {
  test('the service stacks of dev and prod are valid', async () => {
    const outdir = synthToTemp(checkoutPlatform());
    const results = await Promise.all(['dev/checkout-dev', 'prod/checkout-prod'].map((stack) => runTerraform(join(outdir, 'terraform', stack), 'validate', '-no-color')));
    results.forEach((output) => expect(output).toContain('The configuration is valid.'));
  }, TERRAFORM_TIMEOUT_MS);
});
