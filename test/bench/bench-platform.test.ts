import { benchPlatform } from '../../bench/bench-platform';
import { check } from '../../src';

describe('the benchmark platform', () => {
  test('declares the four golden paths in turn and passes the guardrails', () => {
    const platform = benchPlatform(4);
    expect(platform.declaredComponents.map((c) => `${c.name} ${c.goldenPath} ${c.team}`)).toEqual([
      'service-0001 node-api team-1', 'service-0002 react-frontend team-1', 'service-0003 grpc-service team-1', 'service-0004 python-worker team-1',
    ]);
    expect(check(platform).unjustifiedErrors).toEqual([]);
  });
});
