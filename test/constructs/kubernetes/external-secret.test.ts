import { Duration } from 'cdk8s';
import { ExternalSecret, SecretsManagerStore } from '../../../constructs';
import { objectOfKind, testPlatform } from '../../util';

function chartOf() {
  const platform = testPlatform();
  platform.declareComponent({ name: 'checkout', team: 'payments' });
  return platform.placement('checkout', 'dev').chart;
}

describe('ExternalSecret', () => {
  test('by default copies the whole JSON secret through the platform store, hourly', () => {
    const chart = chartOf();
    const secret = new ExternalSecret(chart, 'Secret', { name: 'checkout-env', remoteSecret: 'acme/dev/checkout' });
    expect([secret.secretName, secret.storeName, secret.refreshInterval.toSeconds(), secret.keys]).toEqual(['checkout-env', 'aws-secrets-manager', 3600, {}]);
    expect(objectOfKind(chart, 'ExternalSecret')).toMatchObject({
      apiVersion: 'external-secrets.io/v1',
      metadata: { name: 'checkout-env', namespace: 'payments' },
      spec: {
        refreshInterval: '3600s',
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
        target: { name: 'checkout-env', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
        dataFrom: [{ extract: { key: 'acme/dev/checkout' } }],
      },
    });
  });

  test('copies chosen keys, sorted, through another store', () => {
    const chart = chartOf();
    new ExternalSecret(chart, 'Secret', {
      name: 'db',
      remoteSecret: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db',
      keys: { USER: 'username', PASS: 'password' },
      refreshInterval: Duration.minutes(5),
      storeName: 'other',
    });
    const { spec } = objectOfKind(chart, 'ExternalSecret');
    expect(spec.refreshInterval).toBe('300s');
    expect(spec.secretStoreRef.name).toBe('other');
    expect(spec.dataFrom).toBeUndefined();
    expect(spec.data).toEqual([
      { secretKey: 'PASS', remoteRef: { key: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db', property: 'password' } },
      { secretKey: 'USER', remoteRef: { key: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db', property: 'username' } },
    ]);
  });

  test('fails when the remote secret or a key is malformed', () => {
    expect(() => new ExternalSecret(chartOf(), 'Secret', { name: 'x', remoteSecret: 'has spaces', keys: { 'a b': 'c' } })).toThrow([
      "ExternalSecret 'Secret': 2 problems:",
      "  - 'remoteSecret' must be a Secrets Manager secret name or ARN (got \"has spaces\").",
      "  - 'keys' has the Secret key 'a b', which Kubernetes refuses; use letters, digits, '-', '_' and '.'.",
    ].join('\n'));
  });
});

describe('SecretsManagerStore', () => {
  test('reads Secrets Manager of the environment with IRSA, for the team namespaces only', () => {
    const chart = testPlatform().placement('platform', 'prod').chart;
    const store = new SecretsManagerStore(chart, 'Store');
    expect([store.region, store.namespaces, store.serviceAccount]).toEqual(['eu-west-1', ['payments', 'web'], { namespace: 'external-secrets', name: 'external-secrets' }]);
    expect(objectOfKind(chart, 'ClusterSecretStore')).toMatchObject({
      apiVersion: 'external-secrets.io/v1',
      metadata: { name: 'aws-secrets-manager' },
      spec: {
        conditions: [{ namespaces: ['payments', 'web'] }],
        provider: { aws: { service: 'SecretsManager', region: 'eu-west-1', auth: { jwt: { serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' } } } } },
      },
    });
  });

  test('takes another region, service account and namespaces', () => {
    const chart = testPlatform().placement('platform', 'dev').chart;
    new SecretsManagerStore(chart, 'Store', { region: 'us-east-2', serviceAccount: { namespace: 'eso', name: 'reader' }, namespaces: ['web', 'web', 'a'] });
    const { spec } = objectOfKind(chart, 'ClusterSecretStore');
    expect(spec.conditions).toEqual([{ namespaces: ['a', 'web'] }]);
    expect(spec.provider.aws).toMatchObject({ region: 'us-east-2', auth: { jwt: { serviceAccountRef: { name: 'reader', namespace: 'eso' } } } });
  });

  test('fails when it has no region outside an environment', () => {
    expect(() => new SecretsManagerStore(testPlatform().catalogChart(), 'Store')).toThrow("SecretsManagerStore 'Store': 'region' is needed outside an environment's chart");
  });
});
