import { ACCOUNTS, errorOf, recordedFacts, testPlatform } from '../util';

describe('Environment facts', () => {
  test('an environment records nothing by default', () => {
    expect(testPlatform().environment('dev').existing).toEqual({});
  });

  test('an environment keeps the facts recorded for its network and cluster, and takes its cluster name from them', () => {
    const facts = recordedFacts('dev');
    const env = testPlatform({ environments: [{ name: 'dev', account: ACCOUNTS.dev, existing: { ...facts, cluster: { ...facts.cluster!, clusterName: 'legacy' } } }] }).environment('dev');
    expect(env.existing.network).toEqual(facts.network);
    expect(env.existing.cluster?.oidcIssuerUrl).toBe(facts.cluster!.oidcIssuerUrl);
    expect(env.clusterName).toBe('legacy');
  });

  test('fails when recorded facts are malformed, listing every problem', () => {
    const message = errorOf(() => testPlatform({
      environments: [{
        name: 'dev',
        account: ACCOUNTS.dev,
        existing: {
          network: { vpcId: 'vpc-123', privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-xyz'] },
          cluster: { clusterName: 'acme-dev', clusterSecurityGroupId: 'sg-0123456789abcdef0', oidcIssuerUrl: 'http://oidc' },
        },
      }],
    }));
    expect(message).toContain('3 problems');
    expect(message).toContain("environment 'dev': 'existing.network.vpcId' must be the id of a VPC, such as 'vpc-0123456789abcdef0' (got \"vpc-123\").");
    expect(message).toContain("environment 'dev': 'existing.network.privateSubnetIds[1]' must be the id of a subnet, such as 'subnet-0123456789abcdef0' (got \"subnet-xyz\").");
    expect(message).toContain("environment 'dev': 'existing.cluster.oidcIssuerUrl' must be the cluster's OIDC issuer URL");
  });

  test('fails when the cluster name and the recorded cluster differ', () => {
    expect(errorOf(() => testPlatform({ environments: [{ name: 'dev', account: ACCOUNTS.dev, clusterName: 'other', existing: recordedFacts('dev') }] }))).toContain(
      "environment 'dev': 'clusterName' ('other') and 'existing.cluster.clusterName' ('acme-dev') differ; leave out 'clusterName' to use the recorded cluster.",
    );
  });
});
