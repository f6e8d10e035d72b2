/** What a starter app is generated for. */
export interface SkeletonContext {
  /** The service's name. */
  readonly name: string;
  /** The owning team. */
  readonly team: string;
  /** The golden path's title. */
  readonly title: string;
}

/** The runbook every starter app begins with; the catalog links to it. */
export function runbook(context: SkeletonContext): string {
  return `# ${context.name} runbook

${context.title} owned by team ${context.team}.

- Dashboards and alerts: see the service in the catalog (Grafana dashboard, SLO alerts).
- Health: \`/healthz\` (alive), \`/readyz\` (ready for traffic), \`/metrics\` (Prometheus).
- Deploy: merge to main; CI builds, scans and pins the image digest in the GitOps repository.
- Roll back: run the workflow by hand with the previous digest for the environment.
`;
}
