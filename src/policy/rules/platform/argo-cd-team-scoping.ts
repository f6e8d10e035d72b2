import { previewNamespacePattern } from '../../../platform/names';
import { LABEL_KEYS } from '../../../platform/tagging';
import { groupBy } from '../../../util/group-by';
import { ClusterObjects } from '../../artifacts/cluster-objects';
import { PlatformRule, PlatformViolation } from '../../rule';

export const argoCdTeamScoping: PlatformRule = {
  id: 'PAVED-PLT-ARGO-001',
  pack: 'platform',
  level: 'error',
  target: 'platform',
  title: "Argo CD deploys each team's applications only to that team's namespaces, from the GitOps repository, with no cluster-scoped kinds.",
  rationale: 'A team that can deploy elsewhere, or create cluster-scoped objects, can break or read other teams.',
  fix: "Let the golden path create the Application in the team's AppProject; tenancy creates the AppProject.",
  check: ({ platform, clusters }) => {
    const violations: PlatformViolation[] = [];
    const serviceTeams = new Map(platform.declaredComponents.map((c) => [c.name, c.team]));
    for (const cluster of clusters.values()) {
      const allowedNamespaces = teamNamespaces(cluster);
      for (const project of cluster.ofKind('AppProject').filter((p) => platform.teams.some((t) => t.name === p.name))) {
        const allowed = allowedNamespaces(project.name);
        const spec = project.json.spec ?? {};
        const problems = [
          ...(spec.destinations ?? []).filter((d: any) => !allowed.includes(d.namespace)).map((d: any) => `allows destination namespace ${JSON.stringify(d.namespace)}`),
          ...(spec.sourceRepos ?? []).filter((repo: string) => repo !== platform.gitops.repoUrl).map((repo: string) => `allows source repository ${JSON.stringify(repo)}`),
          ...((spec.clusterResourceWhitelist ?? []).length > 0 ? [`allows cluster-scoped kinds ${JSON.stringify(spec.clusterResourceWhitelist)}`] : []),
        ];
        violations.push(...problems.map((problem) => ({ subject: project.subject, message: `AppProject '${project.name}' ${problem}` })));
      }
      for (const app of cluster.ofKind('Application')) {
        const service = /(?:^|\/)apps\/([^/]+)$/.exec(String(app.json.spec?.source?.path ?? ''))?.[1];
        const team = service ? serviceTeams.get(service) : undefined;
        if (!team) {
          continue;
        }
        const project = app.json.spec?.project;
        const namespace = app.json.spec?.destination?.namespace;
        if (project !== team) {
          violations.push({ subject: app.subject, message: `Application '${app.name}' of team '${team}' uses project ${JSON.stringify(project)}` });
        }
        if (!allowedNamespaces(team).includes(namespace)) {
          violations.push({ subject: app.subject, message: `Application '${app.name}' deploys to namespace ${JSON.stringify(namespace)}, not one of team '${team}'` });
        }
      }
    }
    return violations;
  },
};

/**
 * For a team, its namespaces in `cluster` (tenancy labels them with the tenant) and its preview
 * namespace pattern; the namespaces are grouped by tenant once.
 */
function teamNamespaces(cluster: ClusterObjects): (team: string) => string[] {
  const byTenant = groupBy(cluster.ofKind('Namespace'), (n) => n.labels[LABEL_KEYS.tenant]);
  return (team) => [...(byTenant.get(team) ?? []).map((n) => n.name), previewNamespacePattern(team)];
}
