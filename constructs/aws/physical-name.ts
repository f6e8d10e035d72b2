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
  const path = scope.node.scopes.slice(stack.node.scopes.length).map((s) => kebabCase(s.node.id));
  return stack.platform.naming.awsName(target, stack.environment.name, stack.ownership.service, ...path, ...suffix);
}

/** `ClusterRole` → `cluster-role`. */
export function kebabCase(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}
