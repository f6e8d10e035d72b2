import { TerraformRule } from '../../rule';
import { policyStatements } from '../terraform-values';

export const bucketPolicyPrincipals: TerraformRule = {
  id: 'PAVED-AWS-S3-007',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_s3_bucket_policy', 'aws_s3_bucket'],
  title: 'Bucket policies allow nothing to the "*" principal ("Principal": "*", {"AWS": "*"}, principals of type "*"); Deny statements may name it.',
  rationale: 'An Allow for "*" opens the bucket to every AWS account and to anonymous requests, whatever the public access block later says about it; '
    + 'a Deny for "*" (the TLS-only deny) only takes access away.',
  fix: 'Use the Bucket construct and grant with bucket.grantRead(role); name the accounts, roles or services in the statement\'s principal.',
  check: (resource) => policyStatements(resource, 'policy')
    .filter((s) => s.effect === 'Allow' && s.principals.includes('*'))
    .map((s) => `statement ${s.sid ?? '(no Sid)'} allows ${s.actions.join(', ')} to principal "*"`),
};
