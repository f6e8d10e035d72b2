import { AWS_CASES } from './aws-cases';
import { CLOSURE_CASES } from './closure-cases';
import { KUBERNETES_CASES } from './kubernetes-cases';
import { PLATFORM_CASES } from './platform-cases';
import { ALL_RULES } from '../../../src';

const CASES = [...AWS_CASES, ...KUBERNETES_CASES, ...PLATFORM_CASES, ...CLOSURE_CASES];

test('every rule has a compliant and a non-compliant case on real constructs', () => {
  const missing = ALL_RULES.flatMap((rule) => {
    const cases = CASES.filter((c) => c.ruleId === rule.id);
    return [
      ...(cases.some((c) => c.findings.length === 0) ? [] : [`${rule.id}: no compliant case`]),
      ...(cases.some((c) => c.findings.length > 0) ? [] : [`${rule.id}: no non-compliant case`]),
    ];
  });
  expect(missing).toEqual([]);
});

test('every case is about a rule of a pack', () => {
  const ids = new Set(ALL_RULES.map((r) => r.id));
  expect(CASES.map((c) => c.ruleId).filter((id) => !ids.has(id))).toEqual([]);
});
