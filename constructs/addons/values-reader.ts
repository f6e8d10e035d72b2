import type { HelmValues } from './cluster-add-on';

/** The value at `path` of `values` (`at(values, 'serviceAccount', 'name')`), or undefined. */
export function valueAt(values: HelmValues, ...path: string[]): unknown {
  return path.reduce<unknown>((v, key) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined), values);
}

/** Whether the flag at `path` is on: `true`, or absent when the chart's default is on. */
export function flagAt(values: HelmValues, chartDefault: boolean, ...path: string[]): boolean {
  const value = valueAt(values, ...path);
  return typeof value === 'boolean' ? value : chartDefault;
}

/** The string at `path`, or `fallback` when it is not a non-empty string. */
export function stringAt(values: HelmValues, fallback: string, ...path: string[]): string {
  const value = valueAt(values, ...path);
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** The service account annotation that names the IAM role its pods assume (IRSA). */
export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** The Pod Security `restricted` seccomp profile. */
export const RUNTIME_DEFAULT_SECCOMP = { type: 'RuntimeDefault' } as const;

/** A container security context that passes Pod Security `restricted`. */
export const RESTRICTED_CONTAINER_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: RUNTIME_DEFAULT_SECCOMP,
} as const;
