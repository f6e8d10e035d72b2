import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import {
  Operation, PavedValidationError, Platform, SelfService, createEnvironment, destroyEnvironment, grantAccess,
  readOperations, revokeAccess, rotateSecret, runOperation,
} from '../../src';
import { TestComponent, tempDir, testPlatform } from '../util';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const BY = 'dev@acme.example';

/** A platform reading the state file in a new directory, as of NOW's day. */
function setup(): { platform: Platform; file: string; log: string } {
  const dir = tempDir();
  const file = join(dir, 'self-service.json');
  const platform = testPlatform({ asOf: '2026-11-28', selfService: SelfService.fromFile(file) });
  new TestComponent(platform, 'checkout', 'payments', 'test', ['database', 'seed']);
  return { platform, file, log: join(dir, 'operations.jsonl') };
}

function bytes(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

const OPERATIONS: [string, Operation, RegExp][] = [
  ['env create', createEnvironment({ name: 'pr-7', from: 'dev', ttl: '72h' }), /^created ephemeral environment 'pr-7' from 'dev'; it expires 2026-12-01T10:00:00.000Z.$/],
  ['access grant', grantAccess({ group: 'contractors', team: 'payments', environment: 'dev', role: 'view', until: '2026-12-20' }), /^granted 'contractors' view access to team 'payments' in 'dev' until 2026-12-20.$/],
  ['secret rotate', rotateSecret({ service: 'checkout', secret: 'database' }), /^requested rotation of secret 'database' of 'checkout' \(generation 1\)/],
];

describe.each(OPERATIONS)('%s', (_, operation, message) => {
  test('changes the state and logs who, what and when; a second run changes no byte', () => {
    const { platform, file, log } = setup();
    const first = runOperation(operation, file, { platform, now: NOW, by: BY });
    expect(first.changed).toBe(true);
    expect(first.message).toMatch(message);
    const state = bytes(file)!;
    expect(state.endsWith('}\n')).toBe(true);
    expect(readOperations(log)).toEqual([{ at: NOW.toISOString(), by: BY, operation: operation.name, args: operation.args }]);
    const logBytes = bytes(log);
    const second = runOperation(operation, file, { platform, now: NOW, by: BY });
    expect(second.changed).toBe(false);
    expect(second.message).toMatch(/^unchanged: /);
    expect(bytes(file)).toBe(state);
    expect(bytes(log)).toBe(logBytes);
  });
});

describe('the state file', () => {
  test('is sorted two-space JSON with a trailing newline', () => {
    const { platform, file } = setup();
    runOperation(grantAccess({ group: 'b', team: 'web', environment: 'dev', role: 'view', until: '2026-12-20' }), file, { platform, now: NOW, by: BY });
    runOperation(grantAccess({ group: 'a', team: 'payments', environment: 'dev', role: 'edit', until: '2026-12-20' }), file, { platform, now: NOW, by: BY });
    expect(bytes(file)).toBe(`{
  "accessGrants": [
    {
      "by": "${BY}",
      "environment": "dev",
      "granted": "${NOW.toISOString()}",
      "group": "a",
      "role": "edit",
      "team": "payments",
      "until": "2026-12-20"
    },
    {
      "by": "${BY}",
      "environment": "dev",
      "granted": "${NOW.toISOString()}",
      "group": "b",
      "role": "view",
      "team": "web",
      "until": "2026-12-20"
    }
  ],
  "environments": [],
  "secretRotations": []
}
`);
  });
});

const BAD: [string, Operation, string][] = [
  ['an invalid environment name', createEnvironment({ name: 'PR_7' }), "ephemeral environment: 'name' must be 1-16 lowercase letters, digits and single hyphens, start with a letter and end with a letter or digit (got 'PR_7'); for example 'pr-7'."],
  ['a permanent environment name', createEnvironment({ name: 'staging' }), "'staging' is a permanent environment of the platform; choose another name for the ephemeral environment (for example 'pr-42')."],
  ['a production origin', createEnvironment({ name: 'pr-7', from: 'prod' }), "'--from' must be a permanent development environment, whose cluster the ephemeral one shares (got 'prod'); choose one of 'dev'."],
  ['a bad TTL', createEnvironment({ name: 'pr-7', ttl: '3w' }), "'--ttl' must be hours or days such as '72h' or '3d', at most 30 days, the platform's limit (got '3w')."],
  ['a TTL over 30 days', createEnvironment({ name: 'pr-7', ttl: '31d' }), "'--ttl' must be hours or days such as '72h' or '3d', at most 30 days, the platform's limit (got '31d')."],
  ['destroying a permanent environment', destroyEnvironment('dev'), "'dev' is a permanent environment; only ephemeral environments (none now) can be destroyed this way."],
  ['an unknown team', grantAccess({ group: 'g', team: 'growth', environment: 'dev', role: 'view', until: '2026-12-20' }), "unknown team 'growth' in '--team'; the teams are 'payments', 'web'."],
  ['an unknown environment', grantAccess({ group: 'g', team: 'web', environment: 'qa', role: 'view', until: '2026-12-20' }), "unknown environment 'qa' in '--env'; the environments are 'dev', 'staging', 'prod'."],
  ['a bad role', grantAccess({ group: 'g', team: 'web', environment: 'dev', role: 'admin', until: '2026-12-20' }), "'--role' must be 'view', 'edit' (got 'admin')."],
  ['a past date', grantAccess({ group: 'g', team: 'web', environment: 'dev', role: 'view', until: '2026-11-27' }), "'--until' 2026-11-27 is in the past (today is 2026-11-28); give the last day the access is needed."],
  ['a malformed date', grantAccess({ group: 'g', team: 'web', environment: 'dev', role: 'view', until: '2026-02-30' }), "'--until' must be a day 'YYYY-MM-DD' (got '2026-02-30')."],
  ['a revoke for an unknown team', revokeAccess({ group: 'g', team: 'growth', environment: 'dev' }), "unknown team 'growth' in '--team'; the teams are 'payments', 'web'."],
  ['an unknown service', rotateSecret({ service: 'billing', secret: 'database' }), "unknown service 'billing'; the services are 'checkout'."],
  ['a secret the service does not declare', rotateSecret({ service: 'checkout', secret: 'stripe-key' }), "service 'checkout' declares no secret 'stripe-key'; its secrets are 'database', 'seed'."],
  ['an access grant longer than the platform allows', grantAccess({ group: 'g', team: 'web', environment: 'dev', role: 'view', until: '2027-06-30' }),
    "'--until' 2027-06-30 is 214 days away; access is granted for at most 30 days (the platform's 'selfServiceLimits.maxAccessGrantDays'), so give 2026-12-28 or earlier and grant again when it ends."],
];

describe.each(BAD)('fails on %s, changing nothing', (_, operation, message) => {
  test('with a message naming the value and the fix', () => {
    const { platform, file, log } = setup();
    runOperation(rotateSecret({ service: 'checkout', secret: 'seed' }), file, { platform, now: NOW, by: BY });
    const [state, logBytes] = [bytes(file), bytes(log)];
    let error: unknown;
    try {
      runOperation(operation, file, { platform, now: NOW, by: BY });
    } catch (caught) {
      error = caught;
    }
    expect(PavedValidationError.isPavedValidationError(error)).toBe(true);
    expect((error as Error).message).toBe(`Platform 'acme': ${message}`);
    expect([bytes(file), bytes(log)]).toEqual([state, logBytes]);
  });
});

describe('operations', () => {
  const context = (platform: Platform) => ({ platform, now: NOW, by: BY });

  test('env destroy records the moment it ran and removes its grants; the environment is gone from that day on; again, it changes nothing', () => {
    const { platform: first, file } = setup();
    runOperation(createEnvironment({ name: 'pr-7' }), file, context(first));
    // The grant needs a platform that has pr-7: construct it again from the file, as the CLI does.
    const withEnvironment = testPlatform({ asOf: '2026-11-28', selfService: SelfService.fromFile(file) });
    runOperation(grantAccess({ group: 'g', team: 'web', environment: 'pr-7', role: 'edit', until: '2026-11-30' }), file, context(withEnvironment));
    const destroyed = runOperation(destroyEnvironment('pr-7'), file, context(withEnvironment));
    expect(destroyed.message).toBe("destroyed ephemeral environment 'pr-7' and its 1 access grant(s); the next synth drops its manifests and empties its stacks, so the next apply destroys its resources.");
    expect(destroyed.state).toEqual({
      environments: [expect.objectContaining({ name: 'pr-7', expires: '2026-12-01T10:00:00.000Z', destroyed: NOW.toISOString() })],
      accessGrants: [],
      secretRotations: [],
    });
    const after = testPlatform({ asOf: '2026-11-28', selfService: SelfService.fromFile(file) });
    expect(after.environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
    expect(after.retiredEnvironments.map((e) => e.name)).toEqual(['pr-7']);
    expect(runOperation(destroyEnvironment('pr-7'), file, context(withEnvironment)).message).toBe("unchanged: ephemeral environment 'pr-7' was already destroyed on 2026-11-28.");
    expect(runOperation(destroyEnvironment('pr-8'), file, context(withEnvironment)).message).toBe("unchanged: there is no ephemeral environment 'pr-8' (there are: 'pr-7').");
    const again = runOperation(createEnvironment({ name: 'pr-7' }), file, context(after));
    expect(again.message).toBe("created ephemeral environment 'pr-7' from 'dev'; it expires 2026-12-01T10:00:00.000Z.");
    expect(again.state.environments[0].destroyed).toBeUndefined();
  });

  test('access grant and env create stay within the limits the platform sets', () => {
    const dir = tempDir();
    const file = join(dir, 'self-service.json');
    const platform = testPlatform({ asOf: '2026-11-28', selfService: SelfService.fromFile(file), selfServiceLimits: { maxAccessGrantDays: 7, maxEnvironmentTtlHours: 48 } });
    expect(platform.selfServiceLimits).toEqual({ maxAccessGrantDays: 7, maxEnvironmentTtlHours: 48 });
    expect(testPlatform().selfServiceLimits).toEqual({ maxAccessGrantDays: 30, maxEnvironmentTtlHours: 720 });
    const grant = (until: string) => grantAccess({ group: 'g', team: 'web', environment: 'dev', role: 'view', until });
    expect(runOperation(grant('2026-12-05'), file, context(platform)).changed).toBe(true);
    expect(() => runOperation(grant('2026-12-06'), file, context(platform))).toThrow(
      "Platform 'acme': '--until' 2026-12-06 is 8 days away; access is granted for at most 7 days (the platform's 'selfServiceLimits.maxAccessGrantDays'), so give 2026-12-05 or earlier and grant again when it ends.",
    );
    expect(() => runOperation(createEnvironment({ name: 'pr-9', ttl: '3d' }), file, context(platform))).toThrow(
      "Platform 'acme': '--ttl' must be hours or days such as '72h' or '3d', at most 2 days, the platform's limit (got '3d').",
    );
  });

  test('env create for an existing environment does not extend it, and refuses another origin', () => {
    const { platform, file } = setup();
    runOperation(createEnvironment({ name: 'pr-7', ttl: '1d' }), file, context(platform));
    const later = { platform, now: new Date('2026-11-28T20:00:00.000Z'), by: BY };
    expect(runOperation(createEnvironment({ name: 'pr-7', ttl: '3d' }), file, later)).toMatchObject({
      changed: false, message: "unchanged: ephemeral environment 'pr-7' from 'dev' exists and expires 2026-11-29T10:00:00.000Z.",
    });
  });

  test('access grant with another day moves the end; revoke ends it', () => {
    const { platform, file } = setup();
    const grant = (until: string) => grantAccess({ group: 'g', team: 'web', environment: 'dev', role: 'view', until });
    runOperation(grant('2026-12-01'), file, context(platform));
    expect(runOperation(grant('2026-12-15'), file, context(platform)).message).toBe("granted 'g' view access to team 'web' in 'dev' until 2026-12-15 (was until 2026-12-01).");
    const revoke = revokeAccess({ group: 'g', team: 'web', environment: 'dev' });
    expect(runOperation(revoke, file, context(platform))).toMatchObject({ changed: true, message: "revoked view access of 'g' to team 'web' in 'dev'." });
    expect(runOperation(revoke, file, context(platform))).toMatchObject({ changed: false, message: "unchanged: 'g' has no access to team 'web' in 'dev'." });
  });

  test('secret rotate raises the generation once a day, or again with force', () => {
    const { platform, file } = setup();
    const rotate = (force = false) => rotateSecret({ service: 'checkout', secret: 'database', force });
    runOperation(rotate(), file, context(platform));
    expect(runOperation(rotate(true), file, context(platform)).state.secretRotations[0].generation).toBe(2);
    const tomorrow = { platform, now: new Date('2026-11-29T08:00:00.000Z'), by: BY };
    expect(runOperation(rotate(), file, tomorrow).state.secretRotations[0].generation).toBe(3);
    expect(testPlatform({ selfService: SelfService.fromFile(file) }).rotationGeneration('checkout', 'database')).toBe(3);
  });

  test('a malformed state file is an error that changes nothing', () => {
    const { platform, file } = setup();
    writeFileSync(file, '{ not json');
    expect(() => runOperation(rotateSecret({ service: 'checkout', secret: 'database' }), file, context(platform)))
      .toThrow(/self-service state .*self-service.json: .*; restore it from Git before running 'secret.rotate'./);
    expect(bytes(file)).toBe('{ not json');
  });
});
