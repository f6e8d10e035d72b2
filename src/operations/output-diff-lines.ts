import type { OutputDiff, ServiceChanges } from './output-diff';
import { OUTPUT_LAYERS } from './output-file-owner';
import { actionOf } from './riskiest-changes';
import type { Finding } from '../policy/finding';
import type { ReportedDeviation } from '../policy/platform-report';

/** `14 files changed in 2 services of 2 teams (terraform 3, gitops 8, catalog 2, ci 1)`, or `no change`. */
export function diffHeadline(diff: OutputDiff): string {
  if (!diff.changed) {
    return 'no change';
  }
  const { files, services, teams } = diff.totals;
  const layers = OUTPUT_LAYERS
    .map((layer) => ({ layer, n: diff.layers[layer].added + diff.layers[layer].removed + diff.layers[layer].modified }))
    .filter(({ n }) => n > 0)
    .map(({ layer, n }) => `${layer} ${n}`);
  return `${plural(files, 'file')} changed in ${plural(services, 'service')} of ${plural(teams, 'team')}`
    + (layers.length > 0 ? ` (${layers.join(', ')})` : '');
}

/** `checkout (payments, new): dev, prod; terraform 2, gitops 4; image, replicas; 3 planned, 1 high`. */
export function serviceLine(service: ServiceChanges): string {
  const status = service.status === 'changed' ? '' : `, ${service.status === 'added' ? 'new' : 'removed'}`;
  const layers = OUTPUT_LAYERS.filter((layer) => service.layers[layer] > 0).map((layer) => `${layer} ${service.layers[layer]}`);
  const high = service.planned.filter((c) => c.risk === 'high').length;
  const parts = [
    service.environments.join(', '),
    layers.join(', '),
    service.aspects.join(', '),
    service.planned.length > 0 ? `${service.planned.length} planned${high > 0 ? `, ${high} high risk` : ''}` : '',
  ].filter((part) => part !== '');
  return `${service.service} (${service.team}${status}): ${parts.join('; ')}`;
}

/** `error PAVED-K8S-POD-003 report-builder (dev): container ... (justified)`. */
export function findingLine(finding: Finding): string {
  const where = finding.environment === undefined ? finding.service : `${finding.service} (${finding.environment})`;
  return `${finding.level} ${finding.ruleId} ${where}: ${finding.message}${finding.justification ? ' (justified by a deviation)' : ''}`;
}

/** `PAVED-K8S-POD-003 declared by report-builder (web), expires 2027-03-31: reason`. */
export function deviationLine(deviation: ReportedDeviation): string {
  return `${deviation.ruleId} declared by ${deviation.declaredBy} (${deviation.team}), expires ${deviation.expires}: ${deviation.reason}`;
}

/** How many planned resource changes of each risk: `3 planned resource changes: 1 high, 2 low`. */
export function plannedLine(diff: OutputDiff): string {
  const risks = (['high', 'medium', 'low'] as const)
    .map((risk) => ({ risk, n: diff.planned.filter((c) => c.risk === risk).length }))
    .filter(({ n }) => n > 0)
    .map(({ risk, n }) => `${n} ${risk}`);
  const actions = new Set(diff.planned.map((c) => actionOf(c.actions)));
  return `${plural(diff.planned.length, 'planned resource change')}: ${risks.join(', ')} (${[...actions].sort().join(', ')})`;
}

/**
 * The planned changes counted, and what they were planned against: `5 planned resource changes:
 * 1 high, 4 low (create, delete); 3 of 3 stacks planned against the base's planned state`;
 * undefined without `--risk`.
 */
export function plannedSummaryLine(diff: OutputDiff): string | undefined {
  if (!diff.plannedStacks) {
    return diff.planned.length > 0 ? plannedLine(diff) : undefined;
  }
  const { planned, againstBase } = diff.plannedStacks;
  const empty = planned.length - againstBase.length;
  return `${diff.planned.length > 0 ? plannedLine(diff) : 'no planned resource change'}; `
    + `${againstBase.length} of ${plural(planned.length, 'stack')} planned against the base's planned state`
    + `${empty > 0 ? `; ${empty} against an empty state (every resource a create)` : ''}`;
}

/** `1 file`, `2 files`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
