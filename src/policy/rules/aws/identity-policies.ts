import { TerraformResource } from '../../artifacts/terraform-resource';
import { PolicyStatement, policyStatements } from '../terraform-values';

/** Resource types that carry IAM identity policies, and the attribute holding the document. */
export const IDENTITY_POLICY_TYPES = ['aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

/** The Allow statements of an identity policy (including a role's inline policies). */
export function allowStatements(resource: TerraformResource): PolicyStatement[] {
  return policyStatements(resource, 'policy').filter((s) => s.effect === 'Allow');
}
