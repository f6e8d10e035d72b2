/** The annotation that orders objects within one Argo CD sync. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * The sync waves of the platform. Argo CD applies lower waves first and waits for them to be
 * healthy. In each environment's `argocd/` directory (the root app): the platform's AppProject,
 * then the cluster add-ons (CRDs and controllers), then the teams' AppProjects, then the
 * platform Application, then service Applications. Inside the platform Application:
 * namespaces, then quotas, limits, RBAC and network policies.
 */
export const SyncWave = {
  /** The platform's own AppProject (`platform`), before the add-ons that name it. */
  ADD_ON_PROJECT: -5,
  /** Cluster add-ons (Argo CD, External Secrets, Prometheus, ...): their CRDs and controllers come before what uses them. */
  ADD_ONS: -4,
  /** AppProjects, before the Applications that name them. */
  PROJECTS: -3,
  /** The platform's Application (tenancy, secret store), before any service. */
  PLATFORM: -2,
  /** Namespaces, inside the platform's Application. */
  NAMESPACES: -1,
  /** Everything else: quotas, policies, workloads, service Applications. */
  DEFAULT: 0,
} as const;

/** The annotation that puts an object in `wave`. */
export function syncWaveAnnotation(wave: number): Record<string, string> {
  return { [SYNC_WAVE_ANNOTATION]: String(wave) };
}
