import { groupBy } from '../../../util/group-by';
import { PlatformRule } from '../../rule';

export const servicesInCatalog: PlatformRule = {
  id: 'PAVED-PLT-OWN-001',
  pack: 'platform',
  level: 'error',
  target: 'platform',
  title: 'Every service is owned by a known team and has a catalog Component naming that team as owner.',
  rationale: 'The catalog is where people find who runs a service, its docs, dashboards and on-call.',
  fix: 'Declare services through golden paths, which add the Component; use a team the platform declares.',
  check: ({ platform, catalog }) => {
    const components = groupBy(catalog.filter((e) => e.kind === 'Component'), (e) => e.name);
    const teams = new Set(platform.teams.map((t) => t.name));
    return platform.declaredComponents.flatMap((service) => {
      const subject = { service: service.name, team: service.team, location: 'catalog' };
      const teamKnown = teams.has(service.team);
      const component = components.get(service.name)?.[0];
      const owner = String(component?.json.spec?.owner ?? '');
      const ownedByTeam = [service.team, `group:${service.team}`, `group:default/${service.team}`].includes(owner);
      return [
        ...(teamKnown ? [] : [{ subject, message: `team '${service.team}' is not declared on the platform` }]),
        ...(component ? [] : [{ subject, message: `no catalog Component named '${service.name}'` }]),
        ...(component && !ownedByTeam ? [{ subject, message: `the Component's owner is ${JSON.stringify(owner)}, not group '${service.team}'` }] : []),
      ];
    });
  },
};
