import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { PolicyDocument } from './policy-document';
import { PolicyStatement } from './policy-statement';

/**
 * The statements grants give a role, rendered at synth into one inline policy (`Policy` in
 * `scope`), which the first statement creates.
 */
export class InlinePolicy {
  /** The statements; rendered into the policy at synth. */
  public readonly document = new PolicyDocument();
  private resource?: IamRolePolicy;

  /**
   * @param name the inline policy's name, unique per role
   * @param role the role's name or id (a literal or a reference)
   */
  constructor(private readonly scope: Construct, private readonly name: string, private readonly role: string) {}

  /** The inline policy; `undefined` until the first statement. */
  public get policy(): IamRolePolicy | undefined {
    return this.resource;
  }

  /** Adds `statement`; the first one creates the policy. */
  public add(statement: PolicyStatement): void {
    this.document.addStatements(statement);
    this.resource ??= new IamRolePolicy(this.scope, 'Policy', { name: this.name, role: this.role, policy: this.document.toLazyJson() });
  }
}
