import { ClusterProvisions, clusterProvisions } from '../../artifacts/cluster-provisions';
import { KubernetesObject } from '../../artifacts/kubernetes-object';
import { PlatformRule, PlatformViolation, RuleInfo, RuleResult } from '../../rule';

/** What a closure rule says about itself, and the kinds of the objects it checks. */
export interface ClosureRuleInfo extends Omit<RuleInfo, 'pack'> {
  /** The kinds of the objects it checks, such as `Ingress`; `all` for every object. */
  readonly kinds: readonly string[] | 'all';
}

/** A check of one object against what its cluster provides. */
export type ClosureCheck = (object: KubernetesObject, cluster: ClusterProvisions) => RuleResult;

/**
 * A rule of the closure pack: `check` runs on every object of `info.kinds` under `gitops/`, with
 * what the object's cluster provides. A check that throws fails closed on its object alone.
 */
export function closureRule(info: ClosureRuleInfo, check: ClosureCheck): PlatformRule {
  const { kinds, ...rest } = info;
  return {
    ...rest,
    pack: 'closure',
    target: 'platform',
    check: (artifacts) => {
      const violations: PlatformViolation[] = [];
      for (const cluster of clusterProvisions(artifacts).values()) {
        for (const object of kinds === 'all' ? cluster.objects.objects : kinds.flatMap((kind) => cluster.objects.ofKind(kind))) {
          let messages: readonly string[];
          try {
            const result = check(object, cluster);
            messages = result === undefined ? [] : typeof result === 'string' ? [result] : result;
          } catch (error) {
            messages = [`${describeObject(object)}: the rule could not decide and fails closed: ${error instanceof Error ? error.message : String(error)}`];
          }
          violations.push(...messages.map((message) => ({ subject: object.subject, message })));
        }
      }
      return violations;
    },
  };
}

/** `Ingress 'payments/checkout' in environment 'dev'`, for messages. */
export function describeObject(object: KubernetesObject): string {
  const name = object.namespace === '' ? object.name : `${object.namespace}/${object.name}`;
  return `${object.kind} '${name}'${object.environment ? ` in environment '${object.environment.name}'` : ''}`;
}

/** `'a', 'b'` or `none`, for messages. */
export function listOrNone(values: Iterable<string>): string {
  const list = [...values].sort();
  return list.length === 0 ? 'none' : list.map((v) => `'${v}'`).join(', ');
}
