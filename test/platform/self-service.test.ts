import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { SelfService, SelfServiceState, serializeSelfServiceState, synth } from '../../src';
import { ACCOUNTS, TestComponent, readStack, synthToTemp, tempDir, testPlatform, errorOf } from '../util';

const BY = 'dev@acme.example';

/** pr-7 lives until 2026-12-01, pr-1 expired on 2026-11-20; grants to both, one expired. */
const STATE: SelfServiceState = {
  environments: [
    { name: 'pr-7', from: 'dev', created: '2026-11-28T09:00:00.000Z', expires: '2026-12-01T09:00:00.000Z', by: BY },
    { name: 'pr-1', from: 'dev', created: '2026-11-17T09:00:00.000Z', expires: '2026-11-20T09:00:00.000Z', by: BY },
  ],
  accessGrants: [
    { group: 'contractors', team: 'payments', environment: 'dev', role: 'view', until: '2026-12-31', granted: '2026-11-01T00:00:00.000Z', by: BY },
    { group: 'auditors', team: 'payments', environment: 'prod', role: 'view', until: '2026-11-27', granted: '2026-11-01T00:00:00.000Z', by: BY },
    { group: 'contractors', team: 'payments', environment: 'pr-1', role: 'edit', until: '2026-12-31', granted: '2026-11-17T00:00:00.000Z', by: BY },
    { group: 'contractors', team: 'payments', environment: 'pr-7', role: 'edit', until: '2026-12-31', granted: '2026-11-28T00:00:00.000Z', by: BY },
  ],
  secretRotations: [{ service: 'checkout', secret: 'database', generation: 3, rotated: '2026-11-28T09:00:00.000Z', by: BY }],
};

function platformWith(state: SelfServiceState = STATE, asOf = '2026-11-28') {
  const platform = testPlatform({ asOf, selfService: SelfService.fromState(state) });
  new TestComponent(platform, 'checkout');
  return platform;
}


describe('ephemeral environments', () => {
  test('become development environments in the account, region and cluster they came from', () => {
    const env = platformWith().environment('pr-7');
    const { tier, account, region, clusterName: cluster, ephemeral, minReplicas } = env;
    expect({ tier, account, region, cluster, ephemeral, minReplicas })
      .toEqual({ tier: 'development', account: ACCOUNTS.dev, region: 'eu-west-1', cluster: 'acme-dev', ephemeral: { from: 'dev', expires: '2026-12-01T09:00:00.000Z' }, minReplicas: 1 });
    expect(platformWith().environment('dev').ephemeral).toBeUndefined();
  });

  test('services deploy to them, in namespaces <team>-<environment>', () => {
    const outdir = synthToTemp(platformWith());
    expect(readStack(outdir, 'pr-7', 'checkout-pr-7').resource.aws_ssm_parameter.Parameter.name).toBe('/acme-pr-7-checkout-environment');
    expect(readFileSync(join(outdir, 'gitops/pr-7/apps/checkout/configmap-checkout-config.yaml'), 'utf8')).toContain('namespace: payments-pr-7');
    expect(readFileSync(join(outdir, 'gitops/dev/apps/checkout/configmap-checkout-config.yaml'), 'utf8')).toContain('namespace: payments\n');
  });

  test('are present through their expiry day and absent after it', () => {
    expect(platformWith(STATE, '2026-12-01').environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod', 'pr-7']);
    expect(platformWith(STATE, '2026-12-02').environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
  });
});

describe('access grants', () => {
  test('gives the grants in force per team and environment', () => {
    const platform = platformWith();
    expect(platform.accessGrants('payments', 'dev').map((g) => [g.group, g.role, g.until])).toEqual([['contractors', 'view', '2026-12-31']]);
    expect(platform.accessGrants('payments', 'pr-7').map((g) => g.role)).toEqual(['edit']);
    expect(platform.accessGrants('payments', 'prod')).toEqual([]);
    expect(platform.accessGrants('web', 'dev')).toEqual([]);
  });

  test('lists dropped grants in the report: expired ones and those to a gone environment', () => {
    const report = JSON.parse(readFileSync(join(synthToTemp(platformWith()), 'report/report.json'), 'utf8'));
    expect(report.selfService.droppedAccessGrants.map((g: any) => [g.group, g.environment, g.dropped])).toEqual([
      ['contractors', 'pr-1', 'environment-gone'],
      ['auditors', 'prod', 'expired'],
    ]);
    expect(report.selfService.activeAccessGrants).toBe(2);
    expect(report.selfService.ephemeralEnvironments).toEqual([{ name: 'pr-7', from: 'dev', expires: '2026-12-01T09:00:00.000Z', by: BY }]);
  });

  test('the report page lists them, and says "no data" for delivery times without a log', () => {
    const page = readFileSync(join(synthToTemp(platformWith()), 'report/index.html'), 'utf8');
    expect(page).toContain('<div class="figure" data-testid="figure-time-to-environment"><b>no data</b>mean time to environment</div>');
    expect(page).toContain('<tr><td>contractors</td><td>payments</td><td>pr-1</td><td>edit</td><td>2026-12-31</td><td>environment gone</td></tr>');
    expect(page).toContain('<tr><td>checkout</td><td>database</td><td>3</td>');
  });
});

describe('secret rotation', () => {
  test('gives the generation of a rotated secret, and 0 for one never rotated', () => {
    const platform = platformWith();
    expect(platform.rotationGeneration('checkout', 'database')).toBe(3);
    expect(platform.rotationGeneration('checkout', 'stripe-key')).toBe(0);
  });
});

describe('the platform day and the state file', () => {
  test('asOf defaults to $PAVED_AS_OF, else today', () => {
    process.env.PAVED_AS_OF = '2026-12-02';
    try {
      expect(testPlatform().asOf).toBe('2026-12-02');
    } finally {
      delete process.env.PAVED_AS_OF;
    }
    expect(testPlatform().asOf).toBe(new Date().toISOString().slice(0, 10));
  });

  test('fails when synth is asked to judge another day than the one that chose the requests', () => {
    expect(errorOf(() => synth(platformWith(), { outdir: join(tempDir(), 'dist'), asOf: '2026-12-05' })))
      .toBe("Platform 'acme': 'asOf' 2026-12-05 differs from the platform's 'asOf' 2026-11-28, which decided which ephemeral environments and access grants are in force; give the day to the Platform ('asOf' prop, or $PAVED_AS_OF) instead.");
  });

  test('reads a missing state file as empty, and a written one exactly', () => {
    const dir = tempDir();
    expect(SelfService.fromFile(join(dir, 'self-service.json')).state).toEqual({ environments: [], accessGrants: [], secretRotations: [] });
    writeFileSync(join(dir, 'self-service.json'), serializeSelfServiceState(STATE));
    const read = SelfService.fromFile(join(dir, 'self-service.json'));
    expect(serializeSelfServiceState(read.state)).toBe(serializeSelfServiceState(STATE));
    expect(read.file).toBe(join(dir, 'self-service.json'));
  });

  test('fails when the state file is malformed, naming the file and the fix', () => {
    const file = join(tempDir(), 'self-service.json');
    writeFileSync(file, '{"environments": [{"name": "pr-7"}]}');
    expect(errorOf(() => testPlatform({ selfService: SelfService.fromFile(file) })))
      .toBe(`Platform 'acme': self-service state ${file}: 'environments[0].from' must be a string (got undefined); restore it from Git, or change it only through 'paved env|access|secret'.`);
  });

  test('fails when the state names an unknown team, environment or origin, listing each', () => {
    const message = errorOf(() => platformWith({
      environments: [{ ...STATE.environments[0], from: 'qa' }],
      accessGrants: [{ ...STATE.accessGrants[0], team: 'growth', environment: 'uat', role: 'admin' as any }],
      secretRotations: [],
    }));
    expect(message).toContain('4 problems:');
    expect(message).toContain("ephemeral environment 'pr-7' comes from 'qa', which is not an environment of the platform ('dev', 'staging', 'prod').");
    expect(message).toContain("access grant to 'contractors' (team 'growth', environment 'uat') names an unknown team; the teams are 'payments', 'web'.");
    expect(message).toContain("names an unknown environment; the environments are 'dev', 'staging', 'prod', 'pr-7'.");
    expect(message).toContain("has role 'admin'; the roles are 'view', 'edit'.");
  });
});
