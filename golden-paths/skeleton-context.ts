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

/**
 * The TechDocs site every starter app begins with (`mkdocs.yml` and `docs/index.md`), which the
 * catalog Component's `backstage.io/techdocs-ref: dir:.` points at.
 */
export function techdocs(context: SkeletonContext): Record<string, string> {
  return {
    'mkdocs.yml': `site_name: ${context.name}
site_description: ${context.title} owned by team ${context.team}.
nav:
  - Home: index.md
plugins:
  - techdocs-core
`,
    'docs/index.md': `# ${context.name}

${context.title} owned by team ${context.team}.

- Deploy, roll back and operate it: see the runbook (\`RUNBOOK.md\` in the repository).
- Its dashboards, alerts, API and the pods of each environment: see the service in the catalog.
`,
  };
}
