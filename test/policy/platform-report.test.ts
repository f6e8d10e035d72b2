import { ApiObject } from 'cdk8s';
import { buildReport, Platform, check } from '../../src';
import { TestComponent, testPlatform } from '../util';

const AS_OF = '2026-11-28';
const REASON = 'Waiting for the vendor to ship a non-root image.';

/** Three services (one off any golden path), two deviations in use and one stale. */
function reportedPlatform(): Platform {
  const platform = testPlatform({
    deviations: [{ ruleId: 'PAVED-K8S-POD-003', reason: REASON, owner: 'platform-team', expires: '2027-06-30' }],
  });
  new TestComponent(platform, 'checkout');
  new TestComponent(platform, 'storefront', 'web');
  platform.declareComponent({
    name: 'legacy',
    team: 'web',
    deviations: [
      { ruleId: 'PAVED-K8S-SEC-001', reason: REASON, owner: 'web-lead', expires: '2026-12-08' },
      { ruleId: 'PAVED-K8S-IMG-001', reason: REASON, owner: 'web-lead', expires: '2027-03-01' },
    ],
  });
  for (const env of platform.environments) {
    new ApiObject(platform.placement('legacy', env.name).chart, 'Settings', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'legacy-settings' }, data: { SMTP_PASSWORD: 'x' },
    } as any);
  }
  new ApiObject(platform.catalogChart(), 'legacy', {
    apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'legacy' }, spec: { type: 'service', lifecycle: 'deprecated', owner: 'group:web' },
  } as any);
  return platform;
}

describe('platform report', () => {
  const platform = reportedPlatform();
  const report = buildReport(platform, { stacks: 6, manifests: 9, catalogEntities: 3 }, check(platform, { asOf: AS_OF }), AS_OF);

  test('counts golden-path adoption and the deviation rate', () => {
    expect(report.adoption).toEqual({ onGoldenPath: 2, services: 3, rate: 0.667 });
    expect(report.deviationRate).toBe(0.333);
    expect(report.totals).toEqual({
      stacks: 6, manifests: 9, catalogEntities: 3, services: 3, errors: 0, warnings: 0, justified: 3, deviations: 1, staleDeviations: 2,
    });
  });

  test('lists every deviation with its use and expiry, and counts those in use by team and rule', () => {
    expect(report.deviations.map((d) => [d.declaredBy, d.ruleId, d.team, d.justified, d.stale, d.expiresInDays, d.expiringSoon])).toEqual([
      ['legacy', 'PAVED-K8S-IMG-001', 'web', 0, true, 93, false],
      ['legacy', 'PAVED-K8S-SEC-001', 'web', 3, false, 10, true],
      ['platform', 'PAVED-K8S-POD-003', 'platform', 0, true, 214, false],
    ]);
    expect(report.deviationsByTeam).toEqual({ web: 1 });
    expect(report.deviationsByRule).toEqual({ 'PAVED-K8S-SEC-001': 1 });
  });

  test('counts services and deviations per team', () => {
    expect(report.teams).toEqual([{ name: 'payments', services: 1, deviations: 0 }, { name: 'web', services: 2, deviations: 1 }]);
    expect(report.services.find((s) => s.name === 'legacy')).toEqual({ name: 'legacy', team: 'web', goldenPath: 'none', deviations: 1 });
  });
});
