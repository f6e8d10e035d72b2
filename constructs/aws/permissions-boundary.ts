import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct, IConstruct } from 'constructs';
import { arnOf, partitionOf } from './arn';
import { PolicyDocument } from './policy-document';
import { PolicyStatement } from './policy-statement';
import { Environment } from '../../src/platform/environment';
import { PlatformStack } from '../../src/platform/platform-stack';
import { TAG_KEYS } from '../../src/platform/tagging';

/** Props of a `PermissionsBoundary`. */
export interface PermissionsBoundaryProps {
  /**
   * The regions of the account's environments, whose resources the boundary lets roles use.
   * @default - the region of the stack's environment
   */
  readonly regions?: readonly string[];
}

/** The construct id of the boundary in its stack; `Role` looks it up there. */
const BOUNDARY_ID = 'PermissionsBoundary';

/**
 * The platform's permissions boundary in one account: the most that any role paved creates may
 * do, whatever its own policies say. The platform's deploy role may create and change roles only
 * with this boundary (`iam:PermissionsBoundary`), so it cannot make a role more powerful than it.
 *
 * The boundary allows the compute and network services the EKS service roles need on any
 * resource (EC2, EKS, load balancing, auto scaling: their resources are known by id only), the
 * data services only on resources under the platform's name prefix, KMS keys only with the
 * platform's tag, and no IAM action but creating service-linked roles.
 */
export class PermissionsBoundary extends Construct {
  /** The boundary's policy name: `<platform>-paved-boundary`. */
  public static policyName(platform: string): string {
    return `${platform}-paved-boundary`;
  }

  /** The boundary's ARN in `environment`'s account, as a literal. */
  public static arnIn(environment: Environment, platform: string): string {
    return arnOf(environment, 'iam', `policy/${PermissionsBoundary.policyName(platform)}`, 'account');
  }

  /** The boundary declared in the stack of `scope`, if that stack declares it. */
  public static inStackOf(scope: IConstruct): PermissionsBoundary | undefined {
    return PlatformStack.of(scope).node.tryFindChild(BOUNDARY_ID) as PermissionsBoundary | undefined;
  }

  /** The customer managed policy. */
  public readonly resource: IamPolicy;
  /** The policy's name. */
  public readonly policyName: string;
  /** The policy's ARN as a literal, known at synth. */
  public readonly policyArn: string;
  /** The regions whose resources the boundary covers. */
  public readonly regions: readonly string[];
  /** The boundary's statements. */
  public readonly document: PolicyDocument;

  constructor(scope: PlatformStack, props: PermissionsBoundaryProps = {}) {
    super(scope, BOUNDARY_ID);
    const environment = scope.environment;
    const platform = scope.platform.name;
    this.regions = props.regions ?? [environment.region];
    this.policyName = PermissionsBoundary.policyName(platform);
    this.policyArn = PermissionsBoundary.arnIn(environment, platform);
    const partition = partitionOf(environment.region);
    const inRegions = (service: string, ...resources: string[]) => this.regions.flatMap((region) =>
      resources.map((resource) => `arn:${partition}:${service}:${region}:${environment.account}:${resource}`));
    this.document = new PolicyDocument([
      new PolicyStatement({
        sid: 'ComputeAndNetwork',
        actions: ['ec2:*', 'eks:*', 'elasticloadbalancing:*', 'autoscaling:*', 'cloudwatch:PutMetricData', 'sts:GetCallerIdentity',
          'ecr:GetAuthorizationToken', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        resources: ['*'],
      }),
      new PolicyStatement({
        sid: 'PlatformData',
        actions: ['s3:*', 'sqs:*', 'secretsmanager:*', 'logs:*', 'ecr:*', 'rds-db:connect'],
        resources: [
          `arn:${partition}:s3:::${platform}-*`,
          ...inRegions('sqs', `${platform}-*`),
          ...inRegions('secretsmanager', `secret:${platform}-*`),
          ...inRegions('logs', `log-group:${platform}-*`, `log-group:/aws/eks/${platform}-*`),
          ...inRegions('ecr', `repository/${platform}-*`),
          ...inRegions('rds-db', 'dbuser:*/*'),
        ],
      }),
      new PolicyStatement({
        sid: 'PlatformKeys',
        actions: ['kms:*'],
        resources: inRegions('kms', 'key/*'),
        conditions: { StringEquals: { [`aws:ResourceTag/${TAG_KEYS.platform}`]: platform } },
      }),
      new PolicyStatement({
        sid: 'ServiceLinkedRoles',
        actions: ['iam:CreateServiceLinkedRole'],
        resources: [arnOf(environment, 'iam', 'role/aws-service-role/*', 'account')],
      }),
    ]);
    this.resource = new IamPolicy(this, 'Resource', {
      name: this.policyName,
      description: `The most any role of the ${platform} platform may do; the deploy role creates roles only with it.`,
      policy: this.document.toLazyJson(),
    });
  }
}
