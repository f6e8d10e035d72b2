import { BenchChange, benchPlatform } from '../../bench/bench-platform';
import { check } from '../../src';
import { readTree, synthToTemp } from '../util';

describe('the benchmark platform', () => {
  test('declares the four golden paths in turn and passes the guardrails', () => {
    const platform = benchPlatform(4);
    expect(platform.declaredComponents.map((c) => `${c.name} ${c.goldenPath} ${c.team}`)).toEqual([
      'service-0001 node-api team-1', 'service-0002 react-frontend team-1', 'service-0003 grpc-service team-1', 'service-0004 python-worker team-1',
    ]);
    expect(check(platform).unjustifiedErrors).toEqual([]);
  });
});

/** The files that differ between the output of `a` and of `b`, added and removed ones included. */
function changedFiles(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path)).sort();
}

describe('the benchmark pull request: one prop of the first service', () => {
  const base = readTree(synthToTemp(benchPlatform(2)));
  const inEveryEnvironment = (file: (env: string) => string) => ['dev', 'prod', 'staging'].map(file);

  test.each<[BenchChange, string[]]>([
    ['none', []],
    ['min-replicas', [...inEveryEnvironment((env) => `gitops/${env}/apps/service-0001/horizontalpodautoscaler-service-0001.yaml`), 'manifest.json']],
    ['env-var', [...inEveryEnvironment((env) => `gitops/${env}/apps/service-0001/deployment-service-0001.yaml`), 'manifest.json']],
    ['database-size', ['manifest.json', ...inEveryEnvironment((env) => `terraform/${env}/service-0001-${env}/cdk.tf.json`)]],
  ])('%s changes only these files of service-0001', (change, files) => {
    expect(changedFiles(base, readTree(synthToTemp(benchPlatform(2, change))))).toEqual(files);
  });
});
