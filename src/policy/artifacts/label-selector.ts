/** A Kubernetes label selector (`matchLabels` and `matchExpressions`). */
export interface LabelSelector {
  /** Labels an object must all have, with these values; none means no such condition. */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /** Conditions on labels (`In`, `NotIn`, `Exists`, `DoesNotExist`), all of which must hold; none means no such condition. */
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

/** Whether `selector` selects an object with `labels`; an empty selector selects everything. */
export function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) {
    return false;
  }
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In': return key in labels && values.includes(labels[key]);
      case 'NotIn': return !(key in labels) || !values.includes(labels[key]);
      case 'Exists': return key in labels;
      case 'DoesNotExist': return !(key in labels);
      default: return false;
    }
  });
  return byLabels && byExpressions;
}
