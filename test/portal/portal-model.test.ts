import { readFileSync } from 'fs';
import { join } from 'path';
import { NodeApi, PythonWorker } from '../../golden-paths';
import { SelfService, SelfServiceState } from '../../src';
import type { PortalModel } from '../../src/portal/portal-model';
import { TestComponent, errorOf, goldenPathPlatform, synthToTemp, testPlatform } from '../util';

const BY = 'dev@acme.example';
const ESCAPE_ATTEMPT = 'The renderer writes a cache </script><script>alert(1)</script> next to its binary.';

/** pr-7 lives until 2026-12-01; two grants in force for payments, one expired. */
const STATE: SelfServiceState = {
  environments: [{ name: 'pr-7', from: 'dev', created: '2026-11-28T09:00:00.000Z', expires: '2026-12-01T09:00:00.000Z', by: BY }],
  accessGrants: [
    { group: 'contractors', team: 'payments', environment: 'dev', role: 'view', until: '2026-12-31', granted: '2026-11-01T00:00:00.000Z', by: BY },
    { group: 'auditors', team: 'payments', environment: 'prod', role: 'view', until: '2026-11-27', granted: '2026-11-01T00:00:00.000Z', by: BY },
    { group: 'contractors', team: 'payments', environment: 'pr-7', role: 'edit', until: '2026-11-30', granted: '2026-11-28T00:00:00.000Z', by: BY },
  ],
  secretRotations: [],
};

/** The portal page of a platform with two services (one with a deviation expiring in 12 days), and its embedded model. */
function portal(): { page: string; model: PortalModel } {
  const platform = goldenPathPlatform({ asOf: '2026-11-28', selfService: SelfService.fromState(STATE) });
  new NodeApi(platform, 'checkout', { team: 'payments', database: true, queues: ['orders'], secrets: ['stripe', 'api-key'] });
  new PythonWorker(platform, 'labeller', {
    team: 'web',
    buckets: ['labels'],
    dependsOn: ['checkout'],
    consumes: { queues: ['checkout/orders'] },
    writableRootFilesystem: { reason: ESCAPE_ATTEMPT, owner: 'web@acme.example', expires: '2026-12-10' },
  });
  const page = readFileSync(join(synthToTemp(platform), 'portal', 'index.html'), 'utf8');
  const json = /<script type="application\/json" id="portal-data">(.*?)<\/script>/s.exec(page)![1];
  return { page, model: JSON.parse(json) };
}

describe('light portal model', () => {
  const { page, model } = portal();

  test('lists every service with what it uses and what it depends on', () => {
    expect(model.services.map((s) => [s.name, s.team, s.goldenPath])).toEqual([['checkout', 'payments', 'node-api'], ['labeller', 'web', 'python-worker']]);
    const [checkout, labeller] = model.services;
    expect(checkout.uses).toEqual({ databases: ['checkout-database'], queues: ['checkout-queue-orders'], buckets: [], secrets: ['api-key', 'stripe'] });
    expect(labeller.uses).toEqual({ databases: [], queues: [], buckets: ['labeller-bucket-labels'], secrets: [] });
    expect(labeller.dependsOn).toEqual(['checkout']);
    expect(labeller.consumesResources).toEqual([{ resource: 'checkout-queue-orders', service: 'checkout' }]);
    expect(checkout.links.map((l) => l.title)).toEqual(['Repository', 'Grafana', 'Runbook']);
    expect(checkout.links[0].url).toBe('https://github.com/acme/checkout');
  });

  test('gives each service its environments, the ephemeral one with its expiry', () => {
    const [checkout] = model.services;
    expect(checkout.environments.map((e) => [e.name, e.argoCdApplication, e.namespace, e.expires])).toEqual([
      ['dev', 'checkout-dev', 'payments', null],
      ['staging', 'checkout-staging', 'payments', null],
      ['prod', 'checkout-prod', 'payments', null],
      ['pr-7', 'checkout-pr-7', 'payments-pr-7', '2026-12-01T09:00:00.000Z'],
    ]);
    expect(checkout.environments[0].argoCdManifest).toBe('../gitops/dev/argocd/application-checkout-dev.yaml');
    expect(model.environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod', 'pr-7']);
    expect(model.ephemeralEnvironments).toEqual([{ name: 'pr-7', from: 'dev', expires: '2026-12-01T09:00:00.000Z', by: BY }]);
  });

  test('counts adoption and deviations per team', () => {
    expect(model.teams.map((t) => [t.name, t.services, t.adoption, t.deviationRate])).toEqual([
      ['payments', ['checkout'], { onGoldenPath: 1, services: 1, rate: 1 }, 0],
      ['web', ['labeller'], { onGoldenPath: 1, services: 1, rate: 1 }, 1],
    ]);
    expect(model.teams[1].deviations).toBeGreaterThan(0);
    expect(model.teams[0].chat).toBeNull();
    expect(page).toContain('<dt>on-call</dt><dd><span class="muted">not declared</span></dd>');
  });

  test('lists the deviations expiring soon, with the days left', () => {
    // Declared once in each of the four environments, listed once.
    expect(model.expiringDeviations.map((d) => [d.ruleId, d.declaredBy, d.team, d.expires, d.expiresInDays, d.declarations])).toEqual([
      ['PAVED-K8S-POD-003', 'labeller', 'web', '2026-12-10', 12, 4],
    ]);
  });

  test('lists the access grants in force per team, until when', () => {
    expect(model.teams[0].accessGrants).toEqual([
      { group: 'contractors', environment: 'dev', role: 'view', until: '2026-12-31', daysLeft: 33, by: BY },
      { group: 'contractors', environment: 'pr-7', role: 'edit', until: '2026-11-30', daysLeft: 2, by: BY },
    ]);
    expect(model.teams[1].accessGrants).toEqual([]);
  });

  test('escapes what it shows in HTML, and no string of the embedded model ends its script element', () => {
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page).toContain('cache \\u003c/script>\\u003cscript>alert(1)\\u003c/script> next');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('<td>The renderer writes a cache &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; next to its binary.</td>');
    expect(model.expiringDeviations[0].reason).toBe(ESCAPE_ATTEMPT);
  });
});

test('fails when a file added with addFile takes the portal\'s path', () => {
  const platform = testPlatform();
  new TestComponent(platform, 'checkout');
  platform.addFile('portal/index.html', '<!doctype html>\n');
  expect(errorOf(() => synthToTemp(platform))).toContain("addFile('portal/index.html') would replace portal/index.html (written by synth)");
});
