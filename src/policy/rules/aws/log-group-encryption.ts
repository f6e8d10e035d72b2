import { TerraformRule } from '../../rule';

export const logGroupEncryption: TerraformRule = {
  id: 'PAVED-AWS-LOG-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_cloudwatch_log_group'],
  title: 'Log groups are encrypted with a customer-managed KMS key and keep logs for a set time.',
  rationale: 'Logs hold request data; unbounded retention keeps it (and the bill) forever.',
  fix: 'Set kms_key_id and retention_in_days.',
  check: (group) => {
    const problems: string[] = [];
    if (!group.config.kms_key_id) {
      problems.push('no kms_key_id');
    }
    if (!(Number(group.config.retention_in_days) > 0)) {
      problems.push(`retention_in_days is ${JSON.stringify(group.config.retention_in_days ?? 'never expire')}`);
    }
    return problems;
  },
};
