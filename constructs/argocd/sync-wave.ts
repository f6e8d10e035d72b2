/** The annotation that orders objects within one Argo CD sync. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * The sync waves of the platform. Argo CD applies lower waves first and waits for them to be
 * healthy. In each environment's `argocd/` directory (the root app): AppProjects, then the
 * platform Application, then service Applications. Inside the platform Application:
 * namespaces, then quotas, limits, RBAC and network policies.
 */
export const SyncWave = {
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
