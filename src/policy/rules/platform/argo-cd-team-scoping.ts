import { KubernetesObject } from '../../artifacts/kubernetes-object';
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
      const teamNamespaces = (team: string) => cluster.ofKind('Namespace').filter((n) => n.labels['paved.dev/team'] === team).map((n) => n.name);
      const projects = new Map(cluster.ofKind('AppProject').map((p) => [p.name, p]));
      for (const project of projects.values()) {
        if (!platform.teams.some((t) => t.name === project.name)) {
          continue;
        }
        violations.push(...checkProject(project, teamNamespaces(project.name), platform.gitops.repoUrl));
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
        if (!teamNamespaces(team).includes(namespace)) {
          violations.push({ subject: app.subject, message: `Application '${app.name}' deploys to namespace ${JSON.stringify(namespace)}, not one of team '${team}'` });
        }
      }
    }
    return violations;
  },
};

function checkProject(project: KubernetesObject, namespaces: readonly string[], repoUrl: string): PlatformViolation[] {
  const spec = project.json.spec ?? {};
  const problems: string[] = [];
  for (const destination of spec.destinations ?? []) {
    if (!namespaces.includes(destination.namespace)) {
      problems.push(`allows destination namespace ${JSON.stringify(destination.namespace)}`);
    }
  }
  for (const repo of spec.sourceRepos ?? []) {
    if (repo !== repoUrl) {
      problems.push(`allows source repository ${JSON.stringify(repo)}`);
    }
  }
  if ((spec.clusterResourceWhitelist ?? []).length > 0) {
    problems.push(`allows cluster-scoped kinds ${JSON.stringify(spec.clusterResourceWhitelist)}`);
  }
  return problems.map((problem) => ({ subject: project.subject, message: `AppProject '${project.name}' ${problem}` }));
}
