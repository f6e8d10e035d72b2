import { findSecret, isRandomToken, isSecretName, looksSecret, mask, shannonEntropy } from '../../../src/util/secret-values';

/** Made-up credentials in the real formats, assembled so that no scanner mistakes this file for a leak. */
const FAKE = {
  accessKey: ['AKIA', 'Z7QW3RT5YU8IO2PL'].join(''),
  sessionKey: ['ASIA', 'Q2WE4RT6YU8IO0PA'].join(''),
  secretKey: 'Zq9vB2mK7pL4nR8sT1wY6zA3cD5eF0gH1jK2lM3n',
  stripe: ['sk', 'live', 'Q8w3Er5Ty7Ui9Op1As3Df5Gh'].join('_'),
  stripeRestricted: ['rk', 'live', 'Q8w3Er5Ty7Ui9Op1As3Df5Gh'].join('_'),
  github: `ghp_${'Z7qW3rT5yU8iO2pLk4Jh6Gf8Ds0Aa1Ss2Dd3'}`,
  githubOauth: `gho_${'Z7qW3rT5yU8iO2pLk4Jh6Gf8Ds0Aa1Ss2Dd3'}`,
  githubPat: `github_pat_${'11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF'}`,
  slack: ['xoxb', '123456789012', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-'),
  slackWebhook: `https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${'Zq9vB2mK7pL4nR8sT1wY6zA3'}`,
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaGVja291dCJ9.Xq9vB2mK7pL4nR8sT1wY6zA3cD5eF0gH',
  pem: (label: string) => `-----BEGIN ${label}PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END ${label}PRIVATE KEY-----\n`,
  random: 'Xq9vB2mK7pL4nR8sT1wY6zA3cD5eF0gH',
};

describe('findSecret: known formats, whatever the name', () => {
  test.each([
    ['an AWS access key id', FAKE.accessKey],
    ['an AWS access key id', FAKE.sessionKey],
    ['an AWS access key id and secret access key', `aws_access_key_id = ${FAKE.accessKey}\taws_secret_access_key = ${FAKE.secretKey}`],
    ['a Stripe live key', FAKE.stripe],
    ['a Stripe live key', FAKE.stripeRestricted],
    ['a GitHub token', FAKE.github],
    ['a GitHub token', FAKE.githubOauth],
    ['a GitHub token', FAKE.githubPat],
    ['a Slack token', FAKE.slack],
    ['a Slack webhook URL', FAKE.slackWebhook],
    ['a JWT', `Bearer ${FAKE.jwt}`],
    ['a PEM private key', FAKE.pem('')],
    ['a PEM private key', FAKE.pem('RSA ')],
    ['a PEM private key', FAKE.pem('OPENSSH ')],
    ['a PEM private key', FAKE.pem('EC ')],
    ['a URL with a password', 'postgres://app:s3cr3t-pw@db.internal:5432/app'],
    ['a URL with a password', 'redis://default:Zq9vB2mK@cache:6379'],
    ['a high-entropy string', FAKE.random],
    ['base64 of a PEM private key', Buffer.from(FAKE.pem('RSA ')).toString('base64')],
  ])('%s: %s', (kind, value) => {
    expect(findSecret('', value)?.kind).toBe(kind);
  });

  test('an AWS secret access key under a secret name', () => {
    expect(findSecret('AWS_SECRET_ACCESS_KEY', FAKE.secretKey)?.kind).toBe('an AWS secret access key');
    expect(findSecret('secret_key', FAKE.secretKey)?.kind).toBe('an AWS secret access key');
  });
});

describe('findSecret: assignments inside larger text, line by line', () => {
  test.each([
    ['an assignment to password', 'log_level=info\npassword=hunter22\n', 2],
    ['an assignment to db_password', 'server:\n  port: 8080\n  db_password: "hunter22"\n', 3],
    ['an assignment to apiKey', '{"service": "checkout", "apiKey": "k-3a9f2"}', undefined],
    ['an assignment to DB_PASSWORD', '#!/bin/sh\nexport DB_PASSWORD=hunter22\nexec /app', 2],
    ['an assignment to --password', '--password=hunter22', undefined],
    ['an assignment to spring.datasource.password', 'spring.datasource.password = hunter22', undefined],
  ])('%s in %j', (kind, text, line) => {
    const match = findSecret('settings', text);
    expect(match?.kind).toBe(kind);
    expect(match?.line).toBe(line);
  });

  test('not when the value is a reference, a placeholder, a path or empty', () => {
    for (const text of ['password=${DB_PASSWORD}', 'password: $(DB_PASSWORD)', 'password: {{ .Values.password }}', 'password: <your password>',
      'password: ********', 'password_file=/run/secrets/db', 'password:', 'token_ttl: 3600', 'password=/run/secrets/db/password',
      'secret: arn:aws:secretsmanager:eu-west-1:111111111111:secret:checkout-AbCdEf', 'password: ${var.password}']) {
      expect({ text, match: findSecret('settings', text) }).toEqual({ text, match: undefined });
    }
  });
});

describe('findSecret: by the name', () => {
  test.each(['DB_PASSWORD', 'password', 'master_password', 'apiKey', 'API_KEY', 'client_secret', 'GITHUB_TOKEN', 'auth_token', 'private_key',
    'secret_string', 'AWS_SECRET_ACCESS_KEY', 'credentials', 'smtpPasswd'])('a literal under %s', (name) => {
    expect(findSecret(name, 'hunter2')?.kind).toBe('a literal value under a secret-looking name');
  });

  test.each(['TOKEN_ENDPOINT', 'SECRET_NAME', 'existingSecret', 'password_file', 'http_tokens', 'secret_arn', 'LOG_LEVEL', 'tokenUrl'])('not under %s', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  test.each(['', 'true', 'required', '${aws_secretsmanager_secret_version.db.secret_string}', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db',
    'alias/aws/secretsmanager', '/run/secrets/db', 'https://vault.acme.dev/v1/secret/db', '$(DB_PASSWORD)', '<password>'])('not %j, whatever the name', (value) => {
    expect(findSecret('DB_PASSWORD', value)).toBeUndefined();
  });

  test('a partly computed value is judged by what is written, not by its name', () => {
    expect(findSecret('auth_token', 'Bearer ${var.token}')).toBeUndefined();
    expect(findSecret('auth_token', `Bearer ${FAKE.random}`)?.kind).toBe('a high-entropy string');
  });

  test('judges only strings', () => {
    for (const value of [true, 3600, null, undefined, { password: 'x' }]) {
      expect(looksSecret('password', value)).toBe(false);
    }
  });
});

describe('findSecret: what paved itself writes is not a secret', () => {
  test.each([
    ['an image digest', `111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout@sha256:${'9f3a'.repeat(16)}`],
    ['a bare digest', `sha256:${'0123456789abcdef'.repeat(4)}`],
    ['an ARN', 'arn:aws:iam::111111111111:role/acme-dev-checkout-App_9B86470C'],
    ['a secret ARN in a policy', JSON.stringify({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:acme/dev/checkout-AbCdEf' })],
    ['a chart naming an existing Secret', 'auth:\n  existingSecret: checkout-db\n  secretKeys:\n    adminPasswordKey: password\n'],
    ['a KMS key ARN', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['a Terraform expression', '${aws_db_instance.Database_B269D8BB.master_user_secret[0].secret_arn}'],
    ['an escaped expression', 'echo $${HOME}'],
    ['a construct id with its hash', 'Database_SecurityGroup_71981D66'],
    ['a physical name with a hash', 'acme-dev-checkout-uploads-4f6eb0fd'],
    ['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
    ['a Grafana datasource uid', 'P8E80F9AEF21F6940'],
    ['a Grafana dashboard', JSON.stringify({
      uid: 'checkout-overview',
      title: 'checkout',
      panels: [{
        id: 1,
        datasource: { type: 'prometheus', uid: 'P8E80F9AEF21F6940' },
        targets: [{ expr: 'sum(rate(http_server_requests_seconds_count{service="checkout"}[5m]))' }],
      }],
    })],
    ['a policy document', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] })],
    ['base64 of a certificate', Buffer.from('-----BEGIN CERTIFICATE-----\nMIICxjCCAa4CCQDfZ\n-----END CERTIFICATE-----\n').toString('base64')],
    ['base64 of JSON', Buffer.from(JSON.stringify({ auths: { 'ghcr.io': {} }, note: 'no credentials here' })).toString('base64')],
    ['an OIDC issuer', 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'],
    ['a commit SHA', '4f6eb0fd9b86470c5e3a1d2b7c8e9f0a1b2c3d4e'],
    ['a cron schedule', '0 3 * * *'],
    ['a semantic version', 'v1.29.3-eks-ae9a62a'],
  ])('%s', (_what, value) => {
    expect(findSecret('', value)).toBeUndefined();
  });
});

describe('the parts', () => {
  test('mask shows at most four characters, and no more than a quarter of the secret', () => {
    expect(mask(FAKE.accessKey)).toBe('"AKIA…", 20 characters');
    expect(mask('hunter2')).toBe('"h…", 7 characters');
    expect(mask('abc')).toBe('"…", 3 characters');
  });

  test('a finding never carries the secret', () => {
    for (const value of [FAKE.accessKey, FAKE.stripe, FAKE.jwt, 'password=hunter22', FAKE.random]) {
      expect(JSON.stringify(findSecret('', value))).not.toContain(value.slice(6));
    }
  });

  test('Shannon entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy(FAKE.random)).toBeGreaterThan(4.2);
  });

  test('a random token mixes cases and digits, is long enough, and is not a word with a hash', () => {
    expect(isRandomToken(FAKE.random)).toBe(true);
    expect(isRandomToken(FAKE.random.slice(0, 20))).toBe(false);
    expect(isRandomToken(FAKE.random.toLowerCase())).toBe(false);
    expect(isRandomToken('Uploads_Policy_CA80B555')).toBe(false);
    expect(isRandomToken('ClusterSecretStoreV1Beta1SpecProviderVaultTls')).toBe(false);
  });
});
