import { writeFileSync } from 'fs';
import { join } from 'path';
import { FACTS_FORMAT, RecordedFacts, SelfService, parseRecordedFacts, serializeRecordedFacts } from '../../src';
import { ACCOUNTS, errorOf, recordedFacts, tempDir, testPlatform } from '../util';

const DEV = recordedFacts('dev');

function factsFile(content: string): string {
  const file = join(tempDir(), 'paved-facts.json');
  writeFileSync(file, content);
  return file;
}

describe('RecordedFacts', () => {
  test('a file that does not exist records nothing (day 0)', () => {
    const facts = RecordedFacts.fromFile(join(tempDir(), 'paved-facts.json'));
    expect(facts.problems).toEqual([]);
    expect(facts.of('dev')).toEqual({});
    expect(testPlatform({ facts }).environment('dev').facts).toEqual({});
  });

  test('an environment reads the facts recorded for it, and an ephemeral one those of the environment it came from', () => {
    const file = factsFile(serializeRecordedFacts({ environments: { dev: { ...DEV } } }));
    const platform = testPlatform({
      facts: RecordedFacts.fromFile(file),
      asOf: '2026-11-28',
      selfService: SelfService.fromState({
        environments: [{ name: 'pr-1', from: 'dev', created: '2026-11-20T00:00:00Z', expires: '2026-12-30T00:00:00Z', by: 'dev@acme.example' }],
        accessGrants: [],
        secretRotations: [],
      }),
    });
    expect(platform.environment('dev').facts).toEqual(DEV);
    expect(platform.environment('dev').existing).toEqual({});
    expect(platform.environment('pr-1').facts).toEqual(DEV);
    expect(platform.environment('staging').facts).toEqual({});
  });

  test('adopted and recorded facts of different kinds make up the environment\'s facts', () => {
    const platform = testPlatform({
      environments: [{ name: 'dev', account: ACCOUNTS.dev, existing: { network: DEV.network } }],
      facts: RecordedFacts.fromState({ environments: { dev: { cluster: DEV.cluster } } }),
    });
    expect(platform.environment('dev').facts).toEqual({ network: DEV.network, cluster: DEV.cluster });
  });

  test('writes the format, every key sorted, two-space indent and a trailing newline', () => {
    const text = serializeRecordedFacts({ environments: { staging: { network: { vpcId: 'vpc-0123456789abcdef0', privateSubnetIds: ['subnet-01234567', 'subnet-89abcdef'] } }, dev: {} } });
    expect(text).toBe(`{
  "environments": {
    "dev": {},
    "staging": {
      "network": {
        "privateSubnetIds": [
          "subnet-01234567",
          "subnet-89abcdef"
        ],
        "vpcId": "vpc-0123456789abcdef0"
      }
    }
  },
  "format": "${FACTS_FORMAT}"
}
`);
    expect(parseRecordedFacts(text)).toEqual({ environments: { dev: {}, staging: { network: { vpcId: 'vpc-0123456789abcdef0', privateSubnetIds: ['subnet-01234567', 'subnet-89abcdef'] } } } });
  });

  test('fails when the same kind is both adopted and recorded, naming both and the fix', () => {
    const file = factsFile(serializeRecordedFacts({ environments: { dev: { network: DEV.network } } }));
    expect(errorOf(() => testPlatform({
      environments: [{ name: 'dev', account: ACCOUNTS.dev, existing: { network: DEV.network } }],
      facts: RecordedFacts.fromFile(file),
    }))).toBe(`Platform 'acme': environment 'dev': 'existing.network' and the network in recorded facts ${file} both give the environment's network; `
      + "'existing' is for infrastructure the platform adopts, the file for what its stacks created. "
      + "Remove 'existing.network' when the platform stack now manages the network, or remove 'dev.network' from the file when the platform adopts it.");
  });

  test('fails when the facts file is not JSON, naming the file and the fix', () => {
    const file = factsFile('{ "format": ');
    expect(errorOf(() => testPlatform({ facts: RecordedFacts.fromFile(file) }))).toMatch(new RegExp(
      `^Platform 'acme': recorded facts ${file}: .*JSON.*; restore it from Git, or delete it and record the facts again with 'paved apply' of each environment's platform stack\\.$`,
    ));
  });

  test('fails when the facts file has no format, or malformed facts', () => {
    expect(RecordedFacts.fromFile(factsFile('{"environments": {}}')).problems[0]).toContain(`: must be a JSON object with "format": "${FACTS_FORMAT}" (got undefined);`);
    expect(RecordedFacts.fromFile(factsFile(`{"format": "${FACTS_FORMAT}", "environments": {"dev": []}}`)).problems[0])
      .toContain(": 'environments' must map each environment name to an object of facts by output name;");
    const malformed = RecordedFacts.fromFile(factsFile(`{"format": "${FACTS_FORMAT}", "environments": {"dev": {"network": {"vpcId": "vpc-1", "privateSubnetIds": ["subnet-01234567", "subnet-89abcdef"]}, "cluster": "acme-dev"}}}`));
    expect(malformed.problems[0]).toContain("'dev.network.vpcId' must be the id of a VPC, such as 'vpc-0123456789abcdef0' (got \"vpc-1\").");
    expect(malformed.problems[0]).toContain("'dev.cluster' must be an object of cluster facts (got \"acme-dev\").");
  });

  test('fails when facts are recorded for an environment the platform does not declare', () => {
    expect(errorOf(() => testPlatform({ facts: RecordedFacts.fromState({ environments: { qa: { network: DEV.network } } }) }))).toBe(
      "Platform 'acme': recorded facts: facts of environment 'qa', which the platform does not declare (its environments are 'dev', 'staging', 'prod'); remove 'qa' from the file, or declare the environment.",
    );
  });

  test('keeps outputs of other kinds as they are', () => {
    const facts = RecordedFacts.fromState({ environments: { dev: { addOnRoles: { externalDns: 'arn:aws:iam::111111111111:role/x' } } } });
    expect(testPlatform({ facts }).environment('dev').facts).toEqual({ addOnRoles: { externalDns: 'arn:aws:iam::111111111111:role/x' } });
  });
});
