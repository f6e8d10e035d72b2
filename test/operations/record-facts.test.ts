import { existsSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { recordFacts } from '../../src/operations/record-facts';
import { serializeRecordedFacts } from '../../src/platform/recorded-facts';
import { recordedFacts, tempDir } from '../util';

const DEV = recordedFacts('dev');
const output = (value: unknown, sensitive = false) => ({ value, sensitive });

describe('recordFacts', () => {
  test('writes a new facts file, then adds another environment beside the first, leaving no temporary file', () => {
    const dir = tempDir();
    const file = join(dir, 'paved-facts.json');
    expect(recordFacts(file, 'dev', ['network'], { network: output(DEV.network), other: output('not a fact') })).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(serializeRecordedFacts({ environments: { dev: { network: DEV.network } } }));
    expect(recordFacts(file, 'staging', ['cluster'], { cluster: output(DEV.cluster) })).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(serializeRecordedFacts({ environments: { dev: { network: DEV.network }, staging: { cluster: DEV.cluster } } }));
    expect(recordFacts(file, 'staging', ['cluster'], { cluster: output(DEV.cluster) })).toBe(false);
    expect(readdirSync(dir)).toEqual(['paved-facts.json']);
  });

  test('fails when the file is not a facts file, and leaves it untouched', () => {
    const file = join(tempDir(), 'package.json');
    writeFileSync(file, '{"name": "mine"}\n');
    expect(() => recordFacts(file, 'dev', ['network'], { network: output(DEV.network) })).toThrow(
      `${file} is not a facts file paved can rewrite (must be a JSON object with "format": "paved-facts/1" (got undefined)); nothing was recorded. Restore it from Git, or delete it to record the facts afresh.`,
    );
    expect(readFileSync(file, 'utf8')).toBe('{"name": "mine"}\n');
  });

  test('fails when the path is not a JSON file', () => {
    const file = join(tempDir(), 'platform.ts');
    expect(() => recordFacts(file, 'dev', ['network'], { network: output(DEV.network) })).toThrow(/does not end in \.json/);
    expect(existsSync(file)).toBe(false);
  });

  test('fails when an output is missing, sensitive or malformed, and writes nothing', () => {
    const file = join(tempDir(), 'paved-facts.json');
    expect(() => recordFacts(file, 'dev', ['network', 'cluster', 'token'], {
      network: output({ ...DEV.network, vpcId: 'vpc-1' }),
      token: output('s3cr3t', true),
    })).toThrow(`the facts of environment 'dev' were not recorded in ${file}: 'dev.network.vpcId' must be the id of a VPC, such as 'vpc-0123456789abcdef0' (got "vpc-1"); `
      + "the stack has no output 'cluster' after the apply; output 'token' is sensitive, and a committed facts file holds no secrets; mark it as a fact only when its value is not secret.");
    expect(existsSync(file)).toBe(false);
  });
});
