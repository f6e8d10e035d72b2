import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { IGrantable } from './grantable';
import { InlinePolicy } from './inline-policy';
import { PolicyDocument } from './policy-document';
import { PolicyStatement } from './policy-statement';

/** Props of an `ExistingRole`. */
export interface ExistingRoleProps {
  /** The role's name, created elsewhere (another stack, or outside paved). */
  readonly roleName: string;
  /** The name of the inline policy this stack adds to the role; unique per role. */
  readonly policyName: string;
}

/**
 * A role that another stack owns, known by its name. Grants to it add statements to an inline
 * policy that this stack adds to the role, so a service stack can give the platform's External
 * Secrets role read access to exactly its own secrets without referencing the platform stack.
 */
export class ExistingRole extends Construct implements IGrantable {
  /** The role's name, from `props.roleName`; the role itself is created elsewhere. */
  public readonly roleName: string;
  /** The name of the inline policy this stack adds to the role, from `props.policyName`. */
  public readonly policyName: string;
  private readonly grants: InlinePolicy;

  constructor(scope: Construct, id: string, props: ExistingRoleProps) {
    super(scope, id);
    this.roleName = props.roleName;
    this.policyName = props.policyName;
    this.grants = new InlinePolicy(this, this.policyName, this.roleName);
  }

  /** The statements grants add; rendered into the inline policy at synth. */
  public get policyDocument(): PolicyDocument {
    return this.grants.document;
  }

  /** The inline policy; `undefined` until the first grant. */
  public get policy(): IamRolePolicy | undefined {
    return this.grants.policy;
  }

  /** Adds `statement` to the inline policy, which the first grant creates. */
  public addToPolicy(statement: PolicyStatement): void {
    this.grants.add(statement);
  }
}
