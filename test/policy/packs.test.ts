import { readFileSync } from 'fs';
import { join } from 'path';
import { ALL_RULES, AWS_PACK, CLOSURE_PACK, DEFAULT_PACKS, KUBERNETES_PACK, PLATFORM_PACK, Rule, renderRulesMarkdown } from '../../src';

const pinned = (pack: readonly Rule[]) => pack.map((rule) => `${rule.id} ${rule.level}`);

describe('rule packs', () => {
  // A removed rule, a renamed id or a changed level is a change users must hear about: update
  // this list deliberately, with a changelog entry.
  test('the aws pack has exactly these rules and levels', () => {
    expect(pinned(AWS_PACK)).toEqual([
      'PAVED-AWS-KMS-001 error', 'PAVED-AWS-KMS-002 error',
      'PAVED-AWS-S3-001 error', 'PAVED-AWS-S3-002 error', 'PAVED-AWS-S3-003 error', 'PAVED-AWS-S3-004 error', 'PAVED-AWS-S3-005 warning', 'PAVED-AWS-S3-006 error', 'PAVED-AWS-S3-007 error',
      'PAVED-AWS-SQS-001 error', 'PAVED-AWS-SQS-002 warning', 'PAVED-AWS-SQS-003 error',
      'PAVED-AWS-ECR-001 error', 'PAVED-AWS-ECR-002 error',
      'PAVED-AWS-RDS-001 error', 'PAVED-AWS-RDS-002 error', 'PAVED-AWS-RDS-003 error', 'PAVED-AWS-RDS-004 error', 'PAVED-AWS-RDS-005 error',
      'PAVED-AWS-RDS-006 error', 'PAVED-AWS-RDS-007 error', 'PAVED-AWS-RDS-008 error', 'PAVED-AWS-RDS-009 error',
      'PAVED-AWS-EKS-001 error', 'PAVED-AWS-EKS-002 error', 'PAVED-AWS-EKS-003 error', 'PAVED-AWS-EKS-004 error', 'PAVED-AWS-EKS-005 error',
      'PAVED-AWS-IAM-001 error', 'PAVED-AWS-IAM-002 error', 'PAVED-AWS-IAM-003 error', 'PAVED-AWS-IAM-004 error',
      'PAVED-AWS-IAM-005 error', 'PAVED-AWS-IAM-006 error', 'PAVED-AWS-IAM-007 error',
      'PAVED-AWS-EC2-001 error', 'PAVED-AWS-SEC-001 error', 'PAVED-AWS-LOG-001 error', 'PAVED-AWS-VPC-001 error', 'PAVED-AWS-VPC-002 error', 'PAVED-AWS-SM-001 error',
    ]);
  });

  test('the kubernetes pack has exactly these rules and levels', () => {
    expect(pinned(KUBERNETES_PACK)).toEqual([
      'PAVED-K8S-POD-001 error', 'PAVED-K8S-POD-002 error', 'PAVED-K8S-POD-003 error', 'PAVED-K8S-POD-004 error',
      'PAVED-K8S-RES-001 error', 'PAVED-K8S-PROBE-001 error', 'PAVED-K8S-PROBE-002 warning', 'PAVED-K8S-IMG-001 error',
      'PAVED-K8S-NET-001 error', 'PAVED-K8S-NET-002 error', 'PAVED-K8S-NET-003 error', 'PAVED-K8S-ING-001 error', 'PAVED-K8S-NS-001 error',
      'PAVED-K8S-PDB-001 error', 'PAVED-K8S-HPA-001 error',
      'PAVED-K8S-SEC-001 error', 'PAVED-K8S-SEC-002 error', 'PAVED-K8S-RBAC-001 error', 'PAVED-K8S-RBAC-002 error', 'PAVED-K8S-SA-001 warning',
    ]);
  });

  test('the platform pack has exactly these rules and levels', () => {
    expect(pinned(PLATFORM_PACK)).toEqual([
      'PAVED-PLT-TAG-001 error', 'PAVED-PLT-LBL-001 error', 'PAVED-PLT-NAME-001 error', 'PAVED-PLT-OWN-001 error', 'PAVED-PLT-ARGO-001 error',
      'PAVED-PLT-FILE-001 error',
    ]);
  });

  test('the closure pack has exactly these rules and levels', () => {
    expect(pinned(CLOSURE_PACK)).toEqual([
      'PAVED-CLS-CRD-001 error', 'PAVED-CLS-ING-001 error', 'PAVED-CLS-STO-001 error', 'PAVED-CLS-PRI-001 error', 'PAVED-CLS-SA-001 error',
      'PAVED-CLS-ESO-001 error', 'PAVED-CLS-ESO-002 error', 'PAVED-CLS-IAM-001 error', 'PAVED-CLS-MON-001 error', 'PAVED-CLS-DASH-001 error',
      'PAVED-CLS-HPA-001 error', 'PAVED-CLS-CERT-001 error',
    ]);
  });

  test('synth and check run the aws, kubernetes, platform and closure packs by default', () => {
    expect(DEFAULT_PACKS).toEqual([AWS_PACK, KUBERNETES_PACK, PLATFORM_PACK, CLOSURE_PACK]);
  });

  test('every rule has a unique id in its pack, a title, a reason and a fix', () => {
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(new RegExp(`^PAVED-${{ aws: 'AWS', kubernetes: 'K8S', platform: 'PLT', closure: 'CLS' }[rule.pack as 'aws' | 'kubernetes' | 'platform' | 'closure']}-[A-Z0-9]+-\\d{3}$`));
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.rationale.length).toBeGreaterThan(10);
      expect(rule.fix.length).toBeGreaterThan(10);
    }
  });

  test('RULES.md is generated from the packs and current (run `npx projen rules`)', () => {
    expect(readFileSync(join(__dirname, '..', '..', 'RULES.md'), 'utf8')).toBe(renderRulesMarkdown(ALL_RULES));
  });
});
