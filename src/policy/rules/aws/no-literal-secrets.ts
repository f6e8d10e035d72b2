import { TerraformRule } from '../../rule';
import { isExpression } from '../terraform-values';

/** Attributes that hold secret material when they are set. */
const SECRET_ATTRIBUTES = ['password', 'master_password', 'secret_string', 'secret_binary', 'auth_token', 'private_key', 'client_secret', 'token'];

export const noLiteralSecrets: TerraformRule = {
  id: 'PAVED-AWS-SEC-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['*'],
  title: 'No secret value is written into the Terraform configuration.',
  rationale: 'Configuration is committed, reviewed and printed in plans; secrets belong in Secrets Manager, generated or managed by AWS.',
  fix: 'Let AWS manage the secret (manage_master_user_password, a rotation Lambda) and read it through External Secrets.',
  check: (resource) => SECRET_ATTRIBUTES
    .filter((attribute) => resource.config[attribute] !== undefined && !isExpression(resource.config[attribute]))
    .map((attribute) => `${attribute} has a literal value`),
};
