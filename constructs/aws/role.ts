import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { arnOf, partitionOf } from './arn';
import { IGrantable } from './grantable';
import { InlinePolicy } from './inline-policy';
import { PermissionsBoundary } from './permissions-boundary';
import { physicalName } from './physical-name';
import { PolicyDocument } from './policy-document';
import { PolicyConditions, PolicyStatement } from './policy-statement';
import { PlatformStack } from '../../src/platform/platform-stack';

/** Props of a `Role`. */
export interface RoleProps {
  /**
   * Who may assume the role: the statements of its trust policy.
   * @default - none yet: add them with `addToTrustPolicy` before synth
   */
  readonly trustStatements?: readonly PolicyStatement[];
  /**
   * Names of AWS managed policies to attach, such as `AmazonEKSClusterPolicy`; PAVED-AWS-IAM-005
   * admits only the service-role policies of `SERVICE_ROLE_POLICIES`, on a role their service assumes.
   * @default - none
   */
  readonly managedPolicyNames?: readonly string[];
  /**
   * The role's name.
   * @default - `<platform>-<environment>-<service>-<construct path>`
   */
  readonly roleName?: string;
  /**
   * The ARN of the policy that caps what the role may do.
   * @default - the platform's boundary in the role's account (`PermissionsBoundary`): a reference when the role's stack declares it
   */
  readonly permissionsBoundaryArn?: string;
}

/**
 * An IAM role whose permissions come from grants: each `grantX(role)` adds statements to one
 * inline policy, created with the first grant. It carries the platform's permissions boundary
 * (`PermissionsBoundary`), the only one the platform's deploy role may create roles with.
 */
export class Role extends Construct implements IGrantable {
  /** A trust statement that lets an AWS service (`eks.amazonaws.com`) assume a role. */
  public static trustService(servicePrincipal: string, conditions?: PolicyConditions): PolicyStatement {
    return new PolicyStatement({
      sid: 'TrustService',
      principal: { Service: [servicePrincipal] },
      actions: ['sts:AssumeRole'],
      conditions,
    });
  }

  /** The IAM role. */
  public readonly resource: IamRole;
  /** The role's name, known at synth. */
  public readonly roleName: string;
  /** The role's ARN as a literal, known at synth: usable in Kubernetes manifests. */
  public readonly roleArn: string;
  /** Who may assume the role; rendered into the trust policy at synth. */
  public readonly trustPolicyDocument: PolicyDocument;
  /** The policy that caps what the role may do, whatever its own policies say. */
  public readonly permissionsBoundaryArn: string;
  /** The statements grants add; rendered into the inline policy `grants` at synth. */
  public readonly policyDocument: PolicyDocument;
  /** One attachment per managed policy, in the order given. */
  public readonly managedPolicyAttachments: readonly IamRolePolicyAttachment[];
  private readonly grants: InlinePolicy;

  constructor(scope: Construct, id: string, props: RoleProps = {}) {
    super(scope, id);
    this.trustPolicyDocument = new PolicyDocument(props.trustStatements);
    this.node.addValidation({
      validate: () => (this.trustPolicyDocument.isEmpty ? ['the role has no trust statement: nobody could assume it. Add one with addToTrustPolicy().'] : []),
    });
    const environment = PlatformStack.of(this).environment;
    this.roleName = props.roleName ?? physicalName(this, 'iam-role');
    this.roleArn = arnOf(environment, 'iam', `role/${this.roleName}`, 'account');
    const boundary = PermissionsBoundary.inStackOf(this);
    this.permissionsBoundaryArn = props.permissionsBoundaryArn
      ?? boundary?.resource.arn ?? PermissionsBoundary.arnIn(environment, PlatformStack.of(this).platform.name);
    this.resource = new IamRole(this, 'Resource', {
      name: this.roleName,
      assumeRolePolicy: this.trustPolicyDocument.toLazyJson(),
      permissionsBoundary: this.permissionsBoundaryArn,
    });
    this.grants = new InlinePolicy(this, 'grants', this.resource.id);
    this.policyDocument = this.grants.document;
    this.managedPolicyAttachments = (props.managedPolicyNames ?? []).map((name) => new IamRolePolicyAttachment(this, name, {
      role: this.resource.name,
      policyArn: `arn:${partitionOf(environment.region)}:iam::aws:policy/${name}`,
    }));
  }

  /** The inline policy that holds the grants; `undefined` until the first grant. */
  public get policy(): IamRolePolicy | undefined {
    return this.grants.policy;
  }

  /** Adds `statement` to the trust policy. */
  public addToTrustPolicy(statement: PolicyStatement): void {
    this.trustPolicyDocument.addStatements(statement);
  }

  /** Adds `statement` to the inline policy, which the first grant creates. */
  public addToPolicy(statement: PolicyStatement): void {
    this.grants.add(statement);
  }
}
