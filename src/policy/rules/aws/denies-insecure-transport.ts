import { TerraformResource } from '../../artifacts/terraform-resource';
import { policyStatements } from '../terraform-values';

/** Whether the resource policy of `resource` denies every request made without TLS. */
export function deniesInsecureTransport(resource: TerraformResource): boolean {
  return policyStatements(resource, 'policy').some((s) => s.effect === 'Deny'
    && s.principals.includes('*')
    && ['Bool', 'BoolIfExists'].some((operator) => s.conditions[operator]?.['aws:SecureTransport']?.includes('false')));
}
