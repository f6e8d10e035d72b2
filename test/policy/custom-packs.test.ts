import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Queue } from '../../constructs';
import { AWS_PACK, DEFAULT_PACKS, DeviationProps, KUBERNETES_PACK, PLATFORM_PACK, Platform, PlatformDeviationProps, TerraformRule, check, synth } from '../../src';
import { loadApp } from '../../src/cli/load-platform';
import { TestComponent, errorOf, readStack, tempDir, testPlatform } from '../util';

const AS_OF = '2026-11-28';

// The rule, pack and deviation of the README ("Your own rules and packs"), as written there.

/** acme's consumers may be down over a long weekend: queues keep messages for a week. */
export const queueRetention: TerraformRule = {
  id: 'ACME-SQS-001',
  pack: 'acme',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_sqs_queue'],
  title: 'Queues keep messages for at least 7 days.',
  rationale: 'A consumer that is down over a long weekend must not lose messages.',
  fix: "Set the Queue's 'messageRetentionDays' to 7 or more.",
  check: (queue) => {
    const seconds = Number(queue.config.message_retention_seconds ?? 345_600);
    return seconds >= 7 * 86_400 ? undefined : `messages are kept ${seconds / 86_400} days`;
  },
};

export const ACME_PACK = [queueRetention];

export const packs = [...DEFAULT_PACKS, ACME_PACK];

const CHECKOUT_DEVIATION: PlatformDeviationProps = {
  ruleId: 'ACME-SQS-001',
  services: ['checkout'],
  reason: 'checkout retries from its own outbox, so 4 days are enough.',
  owner: 'payments-lead@acme.example',
  expires: '2027-03-31',
};

/** A platform whose services each have a Queue with the default retention (4 days) in every environment. */
function platformWithQueues(services: readonly string[], deviations: readonly PlatformDeviationProps[] = [CHECKOUT_DEVIATION]): Platform {
  const platform = testPlatform({ deviations, asOf: AS_OF });
  for (const service of services) {
    new TestComponent(platform, service);
    for (const environment of platform.environments) {
      new Queue(platform.placement(service, environment.name).stack, 'Jobs');
    }
  }
  return platform;
}

const acmeFindings = (platform: Platform, options: Parameters<typeof check>[1]) =>
  check(platform, options).findings.filter((f) => f.ruleId === 'ACME-SQS-001')
    .map((f) => [f.service, f.environment, f.justification ? 'justified' : 'unjustified', f.message]);

describe('rule packs given to synth and check', () => {
  test('a custom TerraformRule flags what it checks, and a deviation justifies it for the service that declares one', () => {
    const platform = platformWithQueues(['checkout', 'storefront']);
    const result = check(platform, { packs });
    expect(result.findings.filter((f) => f.ruleId === 'ACME-SQS-001').map((f) => [f.service, f.environment, f.justification ? 'justified' : 'unjustified'])).toEqual([
      ['checkout', 'dev', 'justified'],
      ['checkout', 'prod', 'justified'],
      ['checkout', 'staging', 'justified'],
      ['storefront', 'dev', 'unjustified'],
      ['storefront', 'prod', 'unjustified'],
      ['storefront', 'staging', 'unjustified'],
    ]);
    expect(result.unjustifiedErrors.map((f) => f.ruleId)).toEqual(['ACME-SQS-001', 'ACME-SQS-001', 'ACME-SQS-001']);
    expect(result.unjustifiedErrors[0].message).toBe('messages are kept 4 days');
    expect(result.unjustifiedErrors[0].fix).toBe("Set the Queue's 'messageRetentionDays' to 7 or more.");
  });

  test('synth runs the packs it is given, and records the deviations of a custom rule like any other', () => {
    const outdir = join(tempDir(), 'dist');
    const summary = synth(platformWithQueues(['checkout']), { outdir, packs });
    expect(summary.policy!.unjustifiedErrors).toEqual([]);
    expect(summary.policy!.deviations.map((d) => [d.deviation.ruleId, d.justified])).toEqual([['ACME-SQS-001', 3]]);
    expect(readStack(outdir, 'dev', 'checkout-dev').provider.aws[0].default_tags[0].tags['paved:deviations']).toBe('ACME-SQS-001');
    expect(() => synth(platformWithQueues(['checkout', 'storefront']), { outdir: join(tempDir(), 'dist'), packs }))
      .toThrow(/ACME-SQS-001/);
  });

  test('the default packs are the built-in ones, and a deviation must name a rule of the packs in force', () => {
    expect(DEFAULT_PACKS).toEqual([AWS_PACK, KUBERNETES_PACK, PLATFORM_PACK]);
    expect(check(platformWithQueues(['checkout'], [])).unjustifiedErrors).toEqual([]);
    expect(errorOf(() => check(platformWithQueues(['checkout'])))).toContain("deviation for 'ACME-SQS-001' declared by the platform: unknown rule id 'ACME-SQS-001'");
  });

  test('a pack is replaced by leaving it out, and a rule added to a built-in pack runs with it', () => {
    const platform = platformWithQueues(['checkout', 'storefront']);
    expect(check(platform, { packs: [ACME_PACK] }).findings.map((f) => f.ruleId)).toEqual(Array(6).fill('ACME-SQS-001'));
    expect(acmeFindings(platformWithQueues(['storefront'], []), { packs: [[...AWS_PACK, queueRetention], KUBERNETES_PACK, PLATFORM_PACK] })).toEqual([
      ['storefront', 'dev', 'unjustified', 'messages are kept 4 days'],
      ['storefront', 'prod', 'unjustified', 'messages are kept 4 days'],
      ['storefront', 'staging', 'unjustified', 'messages are kept 4 days'],
    ]);
  });

  test('fails when two rules share an id, or a pack is not a list of rules', () => {
    const platform = platformWithQueues(['checkout'], []);
    expect(errorOf(() => check(platform, { packs: [AWS_PACK, [{ ...queueRetention, id: AWS_PACK[0].id }]] })))
      .toBe(`Platform 'acme': rule id '${AWS_PACK[0].id}' is in the packs twice; a rule id names one check, so give the new rule its own id, or leave out the pack it replaces.`);
    expect(errorOf(() => check(platform, { packs: [queueRetention] as any })))
      .toBe("Platform 'acme': 'packs[0]' must be a list of rules, such as AWS_PACK or [myRule] (got an object with keys 'id', 'pack', 'level', 'target', 'resourceTypes', 'title', 'rationale', 'fix', 'check').");
    expect(errorOf(() => check(platform, { packs: 'aws' as any })))
      .toBe("Platform 'acme': 'packs' must be a list of rule packs, each a list of rules, such as [...DEFAULT_PACKS, myPack] (got \"aws\" of type string).");
  });

  test('the CLI runs the packs an app exports as `packs`, and the default packs when it exports none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-packs-app-'));
    const src = JSON.stringify(join(__dirname, '..', '..', 'src'));
    writeFileSync(join(dir, 'with-packs.ts'), [
      `import { DEFAULT_PACKS, Platform } from ${src};`,
      'export const packs = [...DEFAULT_PACKS, []];',
      'export default new Platform({ name: \'acme\', gitops: { repoUrl: \'https://github.com/acme/gitops.git\' }, account: \'111111111111\', teams: [{ name: \'payments\', idpGroup: \'acme-payments\', contact: { email: \'payments@acme.example\' } }] });',
      '',
    ].join('\n'));
    writeFileSync(join(dir, 'without.ts'), [
      `import { Platform } from ${src};`,
      'export default new Platform({ name: \'acme\', gitops: { repoUrl: \'https://github.com/acme/gitops.git\' }, account: \'111111111111\', teams: [{ name: \'payments\', idpGroup: \'acme-payments\', contact: { email: \'payments@acme.example\' } }] });',
      '',
    ].join('\n'));
    const withPacks = await loadApp(join(dir, 'with-packs.ts'));
    expect(withPacks.packs).toEqual([...DEFAULT_PACKS, []]);
    expect((await loadApp(join(dir, 'without.ts'))).packs).toBeUndefined();
  });
});

// The README declares deviations as DeviationProps too; keep the type in use so a rename is seen.
export const DEVIATION_SHAPE: DeviationProps = CHECKOUT_DEVIATION;
