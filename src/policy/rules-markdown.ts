import { Rule } from './rule';

/** The RULES.md table: every rule with its level, what it checks, why, and how to fix it. */
export function renderRulesMarkdown(rules: readonly Rule[]): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    '# Guardrails',
    '',
    'Generated from `src/policy/packs` by `npx projen rules`; do not edit by hand.',
    '',
    'An `error` fails `paved check` and `paved synth` unless a deviation (rule id, reason, owner, expiry) justifies it;',
    'a `warning` is reported only.',
  ];
  for (const pack of ['aws', 'kubernetes', 'platform', 'closure'] as const) {
    const ofPack = rules.filter((r) => r.pack === pack);
    lines.push('', `## ${pack}`, '', '| id | level | checks | why | fix |', '|---|---|---|---|---|');
    for (const rule of ofPack) {
      lines.push(`| ${rule.id} | ${rule.level} | ${escape(rule.title)} | ${escape(rule.rationale)} | ${escape(rule.fix)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
