import { SecretMatch, findSecret, mask } from '../../../util/secret-values';
import { TerraformStackArtifact } from '../../artifacts/terraform-stack-artifact';
import { PlatformRule, PlatformViolation } from '../../rule';
import { isExpression } from '../terraform-values';

/** One block of a stack (a resource, an output, a variable...) and where findings about it point. */
interface StackBlock {
  /** `aws_db_instance.Database`, `output.url`, `var.token`, `local.settings`, `provider.aws`. */
  readonly address: string;
  readonly config: unknown;
  /** The name a bare value of the block is judged under (an output's, a variable's). */
  readonly name: string;
}

export const noLiteralSecrets: PlatformRule = {
  id: 'PAVED-AWS-SEC-001',
  pack: 'aws',
  level: 'error',
  target: 'platform',
  title: 'No secret is written anywhere in the Terraform configuration: resources, data sources, outputs, locals, variable defaults, providers, modules and the backend, judged by the value (key formats, private keys, JWTs, passwords in text and URLs, high entropy) and by the name.',
  rationale: 'Configuration is committed, reviewed and printed in plans; secrets belong in Secrets Manager, generated or managed by AWS. '
    + 'A literal SecureString parameter, or the literal default of a sensitive variable, is a secret by declaration.',
  fix: 'Let AWS manage the secret (manage_master_user_password, a rotation Lambda), read it from Secrets Manager at run time (External Secrets), or pass it as a variable without a default.',
  check: ({ stacks }) => stacks.flatMap((stack) => blocksOf(stack).flatMap((block) => secretsIn(block).map(({ path, match }): PlatformViolation => ({
    subject: { ...stack.subject, location: `${stack.location}#${block.address}` },
    message: `${path || 'the value'}${match.line ? ` line ${match.line}` : ''} holds ${match.kind} (${match.masked})`,
  })))),
};

/** Every block of the stack's JSON, with the address Terraform gives it. */
function blocksOf(stack: TerraformStackArtifact): StackBlock[] {
  const json = stack.json;
  const named = (prefix: string, section: Record<string, unknown> | undefined): StackBlock[] =>
    Object.entries<unknown>(section ?? {}).filter(([key]) => key !== '//').map(([key, config]) => ({ address: `${prefix}${key}`, config, name: key }));
  return [
    ...Object.entries<Record<string, unknown>>(json.resource ?? {}).flatMap(([type, byName]) => named(`${type}.`, byName)),
    ...Object.entries<Record<string, unknown>>(json.data ?? {}).flatMap(([type, byName]) => named(`data.${type}.`, byName)),
    ...named('output.', json.output),
    ...named('local.', json.locals),
    ...named('var.', json.variable),
    ...Object.entries<unknown>(json.provider ?? {}).flatMap(([type, configs]) => [configs].flat().map((config: any) => ({
      address: `provider.${type}${typeof config?.alias === 'string' ? `.${config.alias}` : ''}`, config, name: type,
    }))),
    ...named('module.', json.module),
    ...(json.terraform ? [{ address: 'terraform', config: json.terraform, name: 'terraform' }] : []),
  ];
}

/** The secrets in a block, each with the attribute path it is at. */
function secretsIn(block: StackBlock): { path: string; match: SecretMatch }[] {
  const found: { path: string; match: SecretMatch }[] = [];
  const declared = declaredSecret(block);
  if (declared) {
    found.push(declared);
  }
  const walk = (value: unknown, path: string, name: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`, name));
    } else if (value !== null && typeof value === 'object') {
      // `{ name = "DB_PASSWORD", value = "..." }` (env of a container definition, `set` of a Helm release) names its value.
      const named = typeof (value as Record<string, unknown>).name === 'string' ? (value as Record<string, string>).name : name;
      for (const [key, item] of Object.entries(value)) {
        if (key !== '//') {
          walk(item, path ? `${path}.${key}` : key, key === 'value' || key === 'default' || key === 'insecure_value' ? named : key);
        }
      }
    } else if (path !== declared?.path) {
      const match = findSecret(name, value);
      if (match) {
        found.push({ path, match });
      }
    }
  };
  // An SSM parameter's value is judged under the parameter's name (`/checkout/db/password`), an output's under the output's.
  walk(block.config, '', block.name);
  return found;
}

/** A literal where the configuration itself says a secret goes: a SecureString parameter, a sensitive variable or output. */
function declaredSecret(block: StackBlock): { path: string; match: SecretMatch } | undefined {
  const config = block.config as Record<string, any> | undefined;
  const literal = (value: unknown) => typeof value === 'string' && value !== '' && !isExpression(value);
  if (block.address.startsWith('aws_ssm_parameter.') && config?.type === 'SecureString' && literal(config.value)) {
    return { path: 'value', match: { kind: 'a literal value of a SecureString parameter', masked: mask(config.value) } };
  }
  if (block.address.startsWith('var.') && config?.sensitive === true && literal(config.default)) {
    return { path: 'default', match: { kind: 'a literal default of a sensitive variable', masked: mask(config.default) } };
  }
  if (block.address.startsWith('output.') && config?.sensitive === true && literal(config.value)) {
    return { path: 'value', match: { kind: 'a literal value of a sensitive output', masked: mask(config.value) } };
  }
  return undefined;
}
