import {
  Bucket, EksCluster, KmsKey, Network, PostgresDatabase, Queue, Secret, WorkloadIdentity,
} from '../../../constructs';
import { errorOf, onlyResource, recordedFacts, refTo, renderStack, serviceStack, statementsOf, testPlatform } from '../../util';

const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

describe('WorkloadIdentity', () => {
  test('only the service account, through the environment\'s cluster OIDC provider, may assume it', () => {
    const stack = serviceStack();
    const identity = new WorkloadIdentity(stack, 'Identity', { namespace: 'payments', serviceAccountName: 'checkout' });
    const role = onlyResource(renderStack(stack), 'aws_iam_role');
    expect(identity.cluster.clusterName).toBe('acme-dev');
    expect(statementsOf(role.assume_role_policy)).toEqual({
      AssumeFromServiceAccount: {
        Sid: 'AssumeFromServiceAccount',
        Effect: 'Allow',
        Principal: { Federated: [`arn:aws:iam::111111111111:oidc-provider/${ISSUER}`] },
        Action: ['sts:AssumeRoleWithWebIdentity'],
        Condition: {
          StringEquals: {
            [`${ISSUER}:aud`]: 'sts.amazonaws.com',
            [`${ISSUER}:sub`]: 'system:serviceaccount:payments:checkout',
          },
        },
      },
    });
  });

  test('has a role name and a literal ARN for the service account annotation', () => {
    const stack = serviceStack();
    const identity = new WorkloadIdentity(stack, 'Identity', { namespace: 'payments', serviceAccountName: 'checkout' });
    expect(identity.roleName).toBe('acme-dev-checkout-identity');
    expect(identity.roleArn).toBe('arn:aws:iam::111111111111:role/acme-dev-checkout-identity');
    expect(onlyResource(renderStack(stack), 'aws_iam_role').name).toBe('acme-dev-checkout-identity');
  });

  test('trusts a cluster of the same stack through Terraform references', () => {
    const stack = testPlatform().placement('platform', 'dev').stack;
    const cluster = new EksCluster(stack, 'Cluster', { network: Network.fromExisting(stack, 'Network', recordedFacts('dev').network!) });
    new WorkloadIdentity(stack, 'ExternalSecrets', { namespace: 'external-secrets', serviceAccountName: 'external-secrets', cluster });
    const json = renderStack(stack);
    const role = Object.values(json.resource.aws_iam_role).find((r: any) => r.name === 'acme-dev-platform-external-secrets') as any;
    const local = Object.keys(json.locals)[0];
    expect(json.locals[local]).toBe(`\${replace(${refTo(json, 'aws_eks_cluster', 'platform-dev/Cluster/Resource', 'identity[0].oidc[0].issuer').slice(2, -1)}, "https://", "")}`);
    const issuer = `\${local.${local}}`;
    expect(statementsOf(role.assume_role_policy).AssumeFromServiceAccount).toMatchObject({
      Principal: { Federated: [refTo(json, 'aws_iam_openid_connect_provider', 'platform-dev/Cluster/OidcProvider', 'arn')] },
      Condition: { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: 'system:serviceaccount:external-secrets:external-secrets' } },
    });
  });

  test('renders every grant into one inline policy, the same whatever order the grants come in', () => {
    const render = (order: 'forward' | 'backward') => {
      const stack = serviceStack();
      const key = new KmsKey(stack, 'Key');
      const bucket = new Bucket(stack, 'Uploads', { encryptionKey: key });
      const queue = new Queue(stack, 'Orders', { encryptionKey: key });
      const secret = new Secret(stack, 'ApiKey', { encryptionKey: key });
      const database = new PostgresDatabase(stack, 'Database', { encryptionKey: key });
      const identity = new WorkloadIdentity(stack, 'Identity', { namespace: 'payments', serviceAccountName: 'checkout' });
      const grants = [
        () => bucket.grantReadWrite(identity), () => queue.grantConsume(identity), () => queue.grantSend(identity),
        () => secret.grantRead(identity), () => database.grantConnect(identity), () => key.grantEncryptDecrypt(identity),
      ];
      (order === 'forward' ? grants : grants.reverse()).forEach((grant) => grant());
      return onlyResource(renderStack(stack), 'aws_iam_role_policy');
    };
    const forward = render('forward');
    expect(forward.policy).toBe(render('backward').policy);
    expect(forward.name).toBe('grants');
    expect(Object.keys(statementsOf(forward.policy))).toEqual([
      'ApiKeyRead', 'DatabaseConnectCheckout', 'KeyDecryptViaSecretsmanager', 'KeyDecryptViaSqs', 'KeyEncryptDecrypt',
      'KeyEncryptDecryptViaS3', 'KeyEncryptDecryptViaSqs', 'OrdersConsume', 'OrdersSend', 'UploadsList', 'UploadsReadWrite',
    ]);
    expect(forward.policy).not.toMatch(/"Action":\["\*"\]|"Resource":\["\*"\]/);
  });

  test('fails when the namespace and service account are not Kubernetes names', () => {
    const message = errorOf(() => new WorkloadIdentity(serviceStack(), 'Identity', { namespace: 'Payments', serviceAccountName: 'check_out' }));
    expect(message).toContain("WorkloadIdentity 'Identity': 2 problems");
    expect(message).toContain("'namespace' must be a Kubernetes namespace name: at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit (got \"Payments\").");
    expect(message).toContain("'serviceAccountName' must be a Kubernetes object name: at most 253 lowercase letters, digits, hyphens and dots (got \"check_out\").");
  });

  test('before the cluster is recorded, trusts the placeholder issuer and its stack waits for the cluster', () => {
    const platform = testPlatform();
    platform.declareComponent({ name: 'checkout', team: 'payments' });
    const stack = platform.placement('checkout', 'dev').stack;
    new WorkloadIdentity(stack, 'Identity', { namespace: 'payments', serviceAccountName: 'checkout' });
    expect(stack.waitsFor).toEqual([{ stack: 'platform-dev', output: 'cluster' }]);
  });
});
