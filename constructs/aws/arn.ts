import { Environment } from '../../src/platform/environment';

/** The AWS partition of `region`: `aws`, `aws-cn` or `aws-us-gov`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) {
    return 'aws-cn';
  }
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** Where an ARN is scoped: in the environment's region and account, in its account only, or neither. */
export type ArnScope = 'regional' | 'account' | 'global';

/**
 * The ARN of a resource of `service` in `environment`, as a literal:
 * `arn:<partition>:<service>:<region>:<account>:<resource>`, with the region left out for
 * `account` scope (IAM) and both left out for `global` scope (S3 buckets).
 */
export function arnOf(environment: Environment, service: string, resource: string, scope: ArnScope = 'regional'): string {
  const region = scope === 'regional' ? environment.region : '';
  const account = scope === 'global' ? '' : environment.account;
  return `arn:${partitionOf(environment.region)}:${service}:${region}:${account}:${resource}`;
}

/** The endpoint host of `service` in `environment`'s region, as `kms:ViaService` names it. */
export function serviceHost(environment: Environment, service: string): string {
  const suffix = partitionOf(environment.region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${service}.${environment.region}.${suffix}`;
}
