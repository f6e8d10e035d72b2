import { AWS_CASES } from './aws-cases';
import { checkout, testRuleCases } from './rule-case';
import { Bucket } from '../../../constructs';
import { check } from '../../../src';
import { errorOf, testPlatformWithFacts } from '../../util';

describe('the aws rules on real constructs', () => testRuleCases(AWS_CASES));

describe('a rule that cannot read what it checks', () => {
  test('fails closed: a bucket policy that is not JSON is an error of each rule that must read it (on the bucket, or on the policy itself)', () => {
    const platform = testPlatformWithFacts();
    new Bucket(checkout(platform).stack, 'Uploads').policy.addOverride('policy', '{"Statement": [');
    const result = check(platform, { asOf: '2026-11-28' });
    const unreadable = 'the rule could not decide and fails closed: aws_s3_bucket_policy.Uploads_Policy_CA80B555.policy is not a policy document: ';
    const stack = 'terraform/dev/checkout-dev/cdk.tf.json';
    expect(result.unjustifiedErrors.map((f) => [f.ruleId, f.level, f.location, f.message.slice(0, unreadable.length)])).toEqual([
      ...['PAVED-AWS-S3-001', 'PAVED-AWS-S3-003'].map((ruleId) => [ruleId, 'error', `${stack}#aws_s3_bucket.Uploads_4F6EB0FD`, unreadable]),
      ['PAVED-AWS-S3-007', 'error', `${stack}#aws_s3_bucket_policy.Uploads_Policy_CA80B555`, unreadable],
    ]);
  });
});

describe('files added beside a stack', () => {
  test('fails when an HCL file is added to a stack directory: Terraform would apply it unchecked', () => {
    const platform = testPlatformWithFacts();
    new Bucket(checkout(platform).stack, 'Uploads');
    platform.addFile('terraform/dev/checkout-dev/admin.tf', 'resource "aws_iam_role_policy_attachment" "admin" {}');
    expect(errorOf(() => check(platform, { asOf: '2026-11-28' }))).toBe("Platform 'acme': the guardrails cannot read the HCL file(s) terraform/dev/checkout-dev/admin.tf "
      + 'added to the stack directory terraform/dev/checkout-dev/: Terraform would apply them unchecked. Add them as .tf.json files (JSON syntax), which are checked with the stack.');
  });

  test('files elsewhere are left to their own checks', () => {
    const platform = testPlatformWithFacts();
    new Bucket(checkout(platform).stack, 'Uploads');
    platform.addFile('terraform/dev/checkout-dev/README.md', '# checkout');
    platform.addFile('docs/admin.tf', 'resource "aws_iam_role_policy_attachment" "admin" {}');
    expect(check(platform, { asOf: '2026-11-28' }).unjustifiedErrors).toEqual([]);
  });
});

