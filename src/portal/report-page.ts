import { escapeHtml as escape } from './escape-html';
import { PlatformReport } from '../policy/platform-report';

/**
 * The platform report as one self-contained HTML page: no script, no font, no request at view
 * time. Figures first, then two charts (services per team, deviations per rule), then tables.
 */
export function renderReportPage(report: PlatformReport): string {
  const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
  const figures: [string, string, string][] = [
    ['services', String(report.totals.services), 'services'],
    ['adoption', percent(report.adoption.rate), `on a golden path (${report.adoption.onGoldenPath} of ${report.adoption.services})`],
    ['deviation-rate', percent(report.deviationRate), 'of services use a deviation'],
    ['deviations', String(report.totals.deviations), `deviations in use (${report.totals.staleDeviations} stale)`],
    ['errors', String(report.totals.errors), 'unjustified errors'],
    ['warnings', String(report.totals.warnings), 'warnings'],
  ];
  const expiring = report.deviations.filter((d) => d.expiringSoon);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(report.platform)} platform report</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d2433; }
h1 { margin-bottom: 0; } .muted { color: #5b6475; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; margin: 1.5rem 0; }
.figure { border: 1px solid #d8dce5; border-radius: .5rem; padding: .75rem 1rem; }
.figure b { display: block; font-size: 1.8rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1.5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e4e7ee; vertical-align: top; }
th { background: #f4f6fa; }
.error { color: #b3261e; font-weight: 600; } .warning { color: #8a5a00; font-weight: 600; } .justified { color: #1b6e3a; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; background: #f4f6fa; }
</style>
</head>
<body>
<h1>${escape(report.platform)} platform report</h1>
<p class="muted">As of ${escape(report.asOf)}. ${report.checked
  ? 'Guardrails ran on this output.'
  : '<strong class="error" data-testid="unchecked">Guardrails did not run: synthesized with --no-check.</strong>'}
 ${report.totals.stacks} Terraform stacks, ${report.totals.manifests} Kubernetes manifests, ${report.totals.catalogEntities} catalog entities.</p>
${waitingSection(report)}<section class="figures">
${figures.map(([id, value, label]) => `<div class="figure" data-testid="figure-${id}"><b>${escape(value)}</b>${escape(label)}</div>`).join('\n')}
</section>
<section class="charts">
<figure><figcaption>Services per team</figcaption>
${barChart(report.teams.map((t) => [t.name, t.services]), 'services-per-team')}
</figure>
<figure><figcaption>Deviations in use per rule</figcaption>
${barChart(Object.entries(report.deviationsByRule), 'deviations-per-rule')}
</figure>
</section>
<h2>Deviations expiring within 30 days</h2>
${table(['rule', 'declared by', 'owner', 'expires', 'days left'], expiring.map((d) => [d.ruleId, d.declaredBy, d.owner, d.expires, String(d.expiresInDays)]), 'expiring')}
<h2>Deviations</h2>
${table(['rule', 'declared by', 'team', 'owner', 'expires', 'findings justified', 'reason'],
  report.deviations.map((d) => [d.ruleId, d.declaredBy, d.team, d.owner, d.expires, d.stale ? '0 (stale)' : String(d.justified), d.reason]), 'deviations')}
<h2>Deviations by team</h2>
${table(['team', 'deviations in use'], Object.entries(report.deviationsByTeam).map(([team, n]) => [team, String(n)]), 'deviations-by-team')}
<h2>Findings</h2>
${table(['level', 'rule', 'service', 'location', 'finding'], report.findings.map((f) => [
  f.justification ? 'justified' : f.level, f.ruleId, f.service, f.location, f.message,
]), 'findings', 0)}
<h2>Services</h2>
${table(['service', 'team', 'golden path', 'deviations'], report.services.map((s) => [s.name, s.team, s.goldenPath, String(s.deviations)]), 'services')}
<h2>Cluster add-ons</h2>
${table(['environment', 'add-on', 'chart', 'status', 'detail'], Object.entries(report.addOns).flatMap(([environment, addOns]) => addOns.map((a) => [
  environment, a.name, a.chart, a.status === 'default' ? "paved's default" : a.status === 'own' ? "platform team's own" : a.status, a.detail,
])), 'add-ons')}
${selfServiceSection(report)}
</body>
</html>
`;
}

/**
 * The stacks that wait for facts (day 0), with how to unblock them; nothing when none waits, so
 * that a platform past day 0 shows no such section.
 */
function waitingSection(report: PlatformReport): string {
  if (report.waiting.length === 0) {
    return '';
  }
  return `<h2 class="warning" data-testid="waiting">${report.waiting.length} ${report.waiting.length === 1 ? 'stack waits' : 'stacks wait'} for facts not recorded yet</h2>
<p>They were synthesized with placeholders: 'paved plan' plans them, 'paved apply' leaves them out until the facts are recorded.</p>
${table(['stack', 'environment', 'waits for, and how to record it'], report.waiting.map((w) => [w.stack, w.environment, w.unblock]), 'waiting')}
`;
}

/** Delivery times, ephemeral environments, dropped access grants and secret rotations. */
function selfServiceSection(report: PlatformReport): string {
  const { delivery, ephemeralEnvironments, droppedAccessGrants, secretRotations, activeAccessGrants } = report.selfService;
  const hours = (value: number | null, samples: number) => (value === null ? 'no data' : `${value} h (${samples} measured)`);
  return `<h2>Self-service</h2>
<section class="figures">
<div class="figure" data-testid="figure-time-to-environment"><b>${escape(hours(delivery.meanTimeToEnvironmentHours, delivery.environmentsMeasured))}</b>mean time to environment</div>
<div class="figure" data-testid="figure-time-to-first-deployment"><b>${escape(hours(delivery.meanTimeToFirstDeploymentHours, delivery.firstDeployments.length))}</b>mean time to first deployment</div>
<div class="figure" data-testid="figure-access-grants"><b>${activeAccessGrants}</b>access grants in force</div>
</section>
<h3>Ephemeral environments</h3>
${table(['environment', 'from', 'expires', 'requested by'], ephemeralEnvironments.map((e) => [e.name, e.from, e.expires, e.by]), 'ephemeral-environments')}
<h3>Access grants dropped at this synth</h3>
${table(['group', 'team', 'environment', 'role', 'until', 'why'], droppedAccessGrants.map((g) => [g.group, g.team, g.environment, g.role, g.until, g.dropped === 'expired' ? 'expired' : 'environment gone']), 'dropped-access-grants')}
<h3>Secret rotations</h3>
${table(['service', 'secret', 'generation', 'last rotated', 'by'], secretRotations.map((r) => [r.service, r.secret, String(r.generation), r.rotated, r.by]), 'secret-rotations')}`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], id: string, levelColumn?: number): string {
  if (rows.length === 0) {
    return `<p class="muted" data-testid="table-${id}">None.</p>`;
  }
  const cell = (value: string, column: number) => (column === levelColumn ? `<td class="${escape(value)}">${escape(value)}</td>` : `<td>${escape(value)}</td>`);
  return `<table data-testid="table-${id}">
<thead><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
}

/** A horizontal bar chart as inline SVG, one bar per entry, labelled with its value. */
function barChart(entries: readonly (readonly [string, number])[], id: string): string {
  if (entries.length === 0) {
    return `<p class="muted" data-testid="chart-${id}">None.</p>`;
  }
  const max = Math.max(1, ...entries.map(([, value]) => value));
  const row = 28;
  const label = 170;
  const width = 520;
  const bars = entries.map(([name, value], i) => {
    const length = Math.round(((width - label - 40) * value) / max);
    const y = i * row;
    return `<text x="0" y="${y + 18}" font-size="13">${escape(name)}</text>`
      + `<rect x="${label}" y="${y + 5}" width="${length}" height="18" rx="3" fill="#3b6fd8"><title>${escape(name)}: ${value}</title></rect>`
      + `<text x="${label + length + 6}" y="${y + 18}" font-size="13">${value}</text>`;
  });
  return `<svg role="img" aria-label="${escape(id)}" data-testid="chart-${id}" viewBox="0 0 ${width} ${entries.length * row}" width="100%">${bars.join('')}</svg>`;
}
