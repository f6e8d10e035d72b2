/**
 * A written reason for leaving a secure default. A construct that accepts one records it on the
 * object it changes as the annotation `deviation.paved.dev/<rule-id>: <reason>`, so that the
 * guardrail report counts it and a reviewer sees it in the manifest.
 */
export interface Deviation {
  /** Why the default cannot be kept; at least 10 characters. */
  readonly reason: string;
}

/** The prefix of the annotation keys that record deviations. */
export const DEVIATION_ANNOTATION_PREFIX = 'deviation.paved.dev/';

/** Ids of the workload guardrails a `Deviation` can be declared against. */
export const WORKLOAD_RULES = {
  /** The container's root filesystem is read-only. */
  readOnlyRootFilesystem: 'PAVED-K8S-POD-001',
  /** The Pod does not mount a Kubernetes API token. */
  noServiceAccountToken: 'PAVED-K8S-POD-002',
} as const;

/**
 * The annotations recording `deviations` by rule id, and the problems with them.
 * @param prop the prop name for each rule id, used in messages
 */
export function deviationAnnotations(
  deviations: ReadonlyArray<{ ruleId: string; prop: string; deviation?: Deviation }>,
  problems: string[],
): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const { ruleId, prop, deviation } of deviations) {
    if (deviation === undefined) {
      continue;
    }
    const reason = typeof deviation.reason === 'string' ? deviation.reason.trim() : '';
    if (reason.length < 10) {
      problems.push(`'${prop}.reason' must say why the secure default cannot be kept, in at least 10 characters (got ${JSON.stringify(deviation.reason)}).`);
    }
    annotations[`${DEVIATION_ANNOTATION_PREFIX}${ruleId}`] = reason;
  }
  return annotations;
}
