import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ACME_PACK, packs, queueRetention } from './acme-pack';
import { Queue } from '../../constructs';
import { AWS_PACK, CLOSURE_PACK, DEFAULT_PACKS, DeviationProps, KUBERNETES_PACK, PLATFORM_PACK, Platform, PlatformDeviationProps, check, synth } from '../../src';
import { main } from '../../src/cli/main';
import { TestComponent, errorOf, readStack, tempDir, testPlatform } from '../util';

const AS_OF = '2026-11-28';
const ROOT = join(__dirname, '..', '..');

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
    expect(DEFAULT_PACKS).toEqual([AWS_PACK, KUBERNETES_PACK, PLATFORM_PACK, CLOSURE_PACK]);
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
    const app = (name: string, exportsPacks: boolean) => {
      writeFileSync(join(dir, name), [
        `import { Queue } from ${JSON.stringify(join(ROOT, 'constructs'))};`,
        `import { DEFAULT_PACKS, Platform } from ${JSON.stringify(join(ROOT, 'src'))};`,
        `import { TestComponent, testPlatformProps } from ${JSON.stringify(join(ROOT, 'test', 'fixtures'))};`,
        `import { ACME_PACK } from ${JSON.stringify(join(__dirname, 'acme-pack'))};`,
        exportsPacks ? 'export const packs = [...DEFAULT_PACKS, ACME_PACK];' : 'void ACME_PACK; void DEFAULT_PACKS;',
        "const platform = new Platform(testPlatformProps({ asOf: '2026-11-28' }));",
        "new TestComponent(platform, 'storefront');",
        "new Queue(platform.placement('storefront', 'dev').stack, 'Jobs');",
        'export default platform;',
        '',
      ].join('\n'));
      return join(dir, name);
    };
    const run = async (file: string) => {
      let stdout = '';
      const status = await main(['check', file], { stdout: (text) => stdout += text, stderr: (text) => stdout += text });
      return { status, acme: stdout.match(/ACME-SQS-001[^\n]*/g) ?? [] };
    };
    const withPacks = await run(app('with-packs.ts', true));
    expect(withPacks.status).toBe(1);
    expect(withPacks.acme.length).toBeGreaterThan(0);
    expect(await run(app('without.ts', false))).toEqual({ status: 0, acme: [] });
  });
});

// The README declares deviations as DeviationProps too; keep the type in use so a rename is seen.
export const DEVIATION_SHAPE: DeviationProps = CHECKOUT_DEVIATION;
