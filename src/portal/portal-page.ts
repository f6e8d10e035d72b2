import { escapeHtml as escape, jsonForScript } from './escape-html';
import { PortalLink, PortalModel, PortalService, PortalTeam } from './portal-model';

/**
 * The light portal as one self-contained HTML page: inline CSS and script, the model embedded
 * as JSON, no request at view time, so it works from a file URL and from any static host. The
 * page is complete without its script; the script only filters the services (search, team,
 * golden path, environment) from the embedded model.
 */
export function renderPortalPage(model: PortalModel): string {
  const percent = (rate: number) => `${Math.round(rate * 100)}%`;
  const { delivery } = model;
  const hours = (value: number | null, samples: number) => (value === null ? 'no data' : `${value} h (${samples} measured)`);
  const adoption = table(['team', 'services', 'on a golden path', 'adoption', 'deviation rate', 'deviations in use'], model.teams.map((t) => [
    teamLink(t.name, model), String(t.adoption.services), String(t.adoption.onGoldenPath),
    ...t.adoption.services === 0 ? ['no services', 'no services'] : [percent(t.adoption.rate), percent(t.deviationRate)], String(t.deviations),
  ]), 'adoption');
  const expiring = table(['rule', 'declared by', 'team', 'owner', 'expires', 'days left', 'declarations', 'reason'], model.expiringDeviations.map((d) => [
    escape(d.ruleId), serviceLink(d.declaredBy, model), teamLink(d.team, model), escape(d.owner), escape(d.expires), String(d.expiresInDays),
    String(d.declarations), escape(d.reason),
  ]), 'expiring-deviations');
  const environments = table(['environment', 'tier', 'expires'], model.environments.map((e) => [escape(e.name), escape(e.tier), escape(e.expires ?? 'permanent')]),
    'environments');
  const ephemeral = table(['environment', 'from', 'expires', 'requested by'], model.ephemeralEnvironments.map((e) => [
    escape(e.name), escape(e.from), escape(e.expires), escape(e.by),
  ]), 'ephemeral-environments');
  const firstDeployments = table(['service', 'hours to first deployment'], delivery.firstDeployments.map((d) => [serviceLink(d.service, model), String(d.hours)]),
    'first-deployments');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(model.platform)} portal</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2433; }
header { background: #1d2433; color: #fff; padding: 1rem 1.5rem; }
header a { color: #cfe0ff; } header h1 { margin: 0; font-size: 1.5rem; }
nav a { margin-right: 1rem; }
main { max-width: 78rem; margin: 0 auto; padding: 0 1.5rem 3rem; }
.muted { color: #5b6475; }
.filters { position: sticky; top: 0; background: #fff; padding: .75rem 0; border-bottom: 1px solid #d8dce5; display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
.filters input, .filters select { font: inherit; padding: .3rem .5rem; }
.filters input { flex: 1 1 16rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; margin: 1rem 0; }
.card { border: 1px solid #d8dce5; border-radius: .5rem; padding: .75rem 1rem; }
.card h3 { margin: 0 0 .25rem; }
.card dl { display: grid; grid-template-columns: 8.5rem 1fr; gap: .2rem .5rem; margin: .5rem 0; }
.card dt { color: #5b6475; } .card dd { margin: 0; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; background: #eef2fb; margin-right: .25rem; }
.warning { color: #8a5a00; font-weight: 600; }
.environments { padding-left: 1rem; margin: .5rem 0; } .environments li { margin-bottom: .4rem; }
code { font-size: .85em; background: #f4f6fa; padding: 0 .2rem; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e4e7ee; vertical-align: top; }
th { background: #f4f6fa; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .75rem; }
.figure { border: 1px solid #d8dce5; border-radius: .5rem; padding: .75rem 1rem; }
.figure b { display: block; font-size: 1.5rem; }
</style>
</head>
<body>
<header>
<h1>${escape(model.platform)} portal</h1>
<nav><a href="#services">Services</a><a href="#teams">Teams</a><a href="#adoption">Adoption</a><a href="#environments">Environments</a>`
  + `<a href="#delivery">Delivery</a><a href="../report/index.html">Platform report</a></nav>
</header>
<main>
<p class="muted">As of ${escape(model.asOf)}: ${model.services.length} services, ${model.teams.length} teams, ${model.environments.length} environments.</p>
<section id="services">
<h2>Services</h2>
<div class="filters">
<input type="search" id="search" placeholder="Search services, teams, resources, APIs" aria-label="Search" data-testid="search">
${select('team', 'every team', model.teams.map((t) => t.name))}
${select('golden-path', 'every golden path', model.goldenPaths)}
${select('environment', 'every environment', model.environments.map((e) => e.name))}
<span class="muted" id="shown" data-testid="shown">${model.services.length} of ${model.services.length} services</span>
</div>
<div class="cards" data-testid="services">
${model.services.map(serviceCard).join('\n')}
</div>
</section>
<section id="teams">
<h2>Teams</h2>
<div class="cards" data-testid="teams">
${model.teams.map(teamCard).join('\n')}
</div>
</section>
<section id="adoption">
<h2>Golden-path adoption</h2>
${adoption}
<h3>Deviations expiring within 30 days</h3>
${expiring}
</section>
<section id="environments">
<h2>Environments</h2>
${environments}
<h3>Ephemeral environments</h3>
${ephemeral}
</section>
<section id="delivery">
<h2>Delivery</h2>
<div class="figures">
<div class="figure" data-testid="figure-time-to-environment"><b>${escape(hours(delivery.meanTimeToEnvironmentHours, delivery.environmentsMeasured))}</b>mean time to environment</div>
<div class="figure" data-testid="figure-time-to-first-deployment"><b>${escape(hours(delivery.meanTimeToFirstDeploymentHours, delivery.firstDeployments.length))}</b>`
  + `mean time to first deployment</div>
</div>
${firstDeployments}
</section>
</main>
<script type="application/json" id="portal-data">${jsonForScript(model)}</script>
<script>
${FILTER_SCRIPT}
</script>
</body>
</html>
`;
}

/**
 * Filters the service cards from the embedded model: a card shows when the search text is in
 * its searchable text and it matches every filter chosen.
 */
const FILTER_SCRIPT = `(function () {
  'use strict';
  var model = JSON.parse(document.getElementById('portal-data').textContent);
  var search = document.getElementById('search');
  var filters = { team: document.getElementById('filter-team'), goldenPath: document.getElementById('filter-golden-path'),
    environment: document.getElementById('filter-environment') };
  var shown = document.getElementById('shown');
  function text(service) {
    var u = service.uses;
    return [service.name, service.team, service.goldenPath, service.description].concat(u.databases, u.queues, u.buckets, u.secrets,
      service.dependsOn, service.consumesResources.map(function (r) { return r.resource; }), service.consumesApis, service.providesApis,
      service.environments.map(function (e) { return e.name; })).join(' ').toLowerCase();
  }
  function apply() {
    var words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    model.services.forEach(function (service) {
      var haystack = text(service);
      var visible = words.every(function (w) { return haystack.indexOf(w) >= 0; })
        && (!filters.team.value || service.team === filters.team.value)
        && (!filters.goldenPath.value || service.goldenPath === filters.goldenPath.value)
        && (!filters.environment.value || service.environments.some(function (e) { return e.name === filters.environment.value; }));
      document.getElementById('service-' + service.name).hidden = !visible;
      count += visible ? 1 : 0;
    });
    shown.textContent = count + ' of ' + model.services.length + ' services';
  }
  search.addEventListener('input', apply);
  Object.keys(filters).forEach(function (key) { filters[key].addEventListener('change', apply); });
  apply();
})();`;

function serviceCard(service: PortalService): string {
  const list = (items: readonly string[]) => (items.length === 0 ? '<span class="muted">none</span>' : items.map((i) => `<span class="badge">${escape(i)}</span>`).join(' '));
  const { databases, queues, buckets, secrets } = service.uses;
  const dependsOn = [
    ...service.dependsOn.map((d) => `<a href="#service-${escape(d)}">${escape(d)}</a>`),
    ...service.consumesResources.map((r) => `${escape(r.resource)} (of <a href="#service-${escape(r.service)}">${escape(r.service)}</a>)`),
  ];
  const environments = service.environments.length === 0
    ? '<p class="muted">Deployed to no environment.</p>'
    : `<ul class="environments" data-testid="environments-${escape(service.name)}">\n${service.environments.map((e) => `<li><b>${escape(e.name)}</b>`
      + `${e.expires === null ? '' : ` <span class="warning">expires ${escape(e.expires)}</span>`}`
      + ` · Argo CD <a href="${escape(e.argoCdManifest)}">${escape(e.argoCdApplication)}</a>`
      + ` · <span class="muted">${escape(e.cluster)} / ${escape(e.namespace)}</span><br>logs: <code>${escape(e.logs)}</code></li>`).join('\n')}\n</ul>`;
  return `<article class="card" id="service-${escape(service.name)}" data-testid="service">
<h3>${escape(service.name)}</h3>
<p class="muted">${escape(service.description)}</p>
<dl>
<dt>team</dt><dd><a href="#team-${escape(service.team)}">${escape(service.team)}</a></dd>
<dt>golden path</dt><dd>${escape(service.goldenPath)}</dd>
<dt>links</dt><dd>${links(service.links)}</dd>
<dt>databases</dt><dd>${list(databases)}</dd>
<dt>queues</dt><dd>${list(queues)}</dd>
<dt>buckets</dt><dd>${list(buckets)}</dd>
<dt>secrets</dt><dd>${list(secrets)}</dd>
<dt>depends on</dt><dd>${dependsOn.length === 0 ? '<span class="muted">nothing</span>' : dependsOn.join(', ')}</dd>
<dt>provides APIs</dt><dd>${list(service.providesApis)}</dd>
<dt>consumes APIs</dt><dd>${list(service.consumesApis)}</dd>
<dt>deviations</dt><dd>${service.deviations}</dd>
</dl>
${environments}
</article>`;
}

function teamCard(team: PortalTeam): string {
  const contact = (url: string | null) => (url === null ? '<span class="muted">not declared</span>' : `<a href="${escape(url)}">${escape(url)}</a>`);
  const grants = table(['group', 'environment', 'role', 'until', 'days left', 'granted by'], team.accessGrants.map((g) => [
    escape(g.group), escape(g.environment), escape(g.role), escape(g.until), String(g.daysLeft), escape(g.by),
  ]), `grants-${team.name}`);
  return `<article class="card" id="team-${escape(team.name)}" data-testid="team">
<h3>${escape(team.displayName)}</h3>
<dl>
<dt>name</dt><dd>${escape(team.name)}</dd>
<dt>email</dt><dd><a href="mailto:${escape(team.email)}">${escape(team.email)}</a></dd>
<dt>chat</dt><dd>${contact(team.chat)}</dd>
<dt>on-call</dt><dd>${contact(team.onCall)}</dd>
<dt>services</dt><dd>${team.services.length === 0 ? '<span class="muted">none</span>'
  : team.services.map((s) => `<a href="#service-${escape(s)}">${escape(s)}</a>`).join(', ')}</dd>
</dl>
<h4>Access grants in force</h4>
${grants}
</article>`;
}

/** A `<select>` filter with `id` `filter-<name>`: an empty first option (`all`), then `options`. */
function select(name: string, all: string, options: readonly string[]): string {
  return `<select id="filter-${name}" aria-label="${escape(name)}" data-testid="filter-${name}"><option value="">${escape(all)}</option>`
    + `${options.map((o) => `<option value="${escape(o)}">${escape(o)}</option>`).join('')}</select>`;
}

function links(list: readonly PortalLink[]): string {
  return list.length === 0 ? '<span class="muted">none</span>' : list.map((l) => `<a href="${escape(l.url)}">${escape(l.title)}</a>`).join(' · ');
}

/** A link to the card of service `name`, or its name alone when it has none (`platform`). */
function serviceLink(name: string, model: PortalModel): string {
  return model.services.some((s) => s.name === name) ? `<a href="#service-${escape(name)}">${escape(name)}</a>` : escape(name);
}

/** A link to the card of team `name`, or its name alone when it has none (`platform`). */
function teamLink(name: string, model: PortalModel): string {
  return model.teams.some((t) => t.name === name) ? `<a href="#team-${escape(name)}">${escape(name)}</a>` : escape(name);
}

/** A table of cells that are HTML already (escaped by the caller); `None.` without rows. */
function table(headers: readonly string[], rows: readonly (readonly string[])[], id: string): string {
  if (rows.length === 0) {
    return `<p class="muted" data-testid="table-${escape(id)}">None.</p>`;
  }
  return `<table data-testid="table-${escape(id)}">
<thead><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
}
