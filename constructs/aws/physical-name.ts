import { IConstruct } from 'constructs';
import { NameTarget } from '../../src/platform/names';
import { PlatformStack } from '../../src/platform/platform-stack';

/** The name targets of AWS resources. */
export type AwsNameTarget = Exclude<NameTarget, 'kubernetes' | 'terraform-stack'>;

/**
 * The physical name of what `scope` creates, from the platform's naming:
 * `<platform>-<environment>-<service>-<construct path below the stack, in kebab case>-<suffix>`,
 * so `checkout-dev/Uploads` is the bucket `acme-dev-checkout-uploads`.
 */
export function physicalName(scope: IConstruct, target: AwsNameTarget, ...suffix: string[]): string {
  const stack = PlatformStack.of(scope);
  const path = pathBelowStack(scope).map(kebabCase);
  return stack.platform.naming.awsName(target, stack.environment.name, stack.ownership.service, ...path, ...suffix);
}

/** The ids of `scope` and its parents below its stack, outermost first: `['Orders', 'Key']`. */
export function pathBelowStack(scope: IConstruct): string[] {
  return scope.node.scopes.slice(PlatformStack.of(scope).node.scopes.length).map((s) => s.node.id);
}

/** `ClusterRole` → `cluster-role`. */
function kebabCase(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}
