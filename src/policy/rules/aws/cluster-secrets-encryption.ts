import { TerraformRule } from '../../rule';
import { blocks } from '../terraform-values';

export const clusterSecretsEncryption: TerraformRule = {
  id: 'PAVED-AWS-EKS-003',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_eks_cluster'],
  title: 'Kubernetes secrets are envelope-encrypted with a KMS key.',
  rationale: 'Envelope encryption protects secrets in etcd backups and snapshots.',
  fix: 'Use the EksCluster construct, or add encryption_config { resources = ["secrets"], provider { key_arn } }.',
  check: (cluster) => (blocks(cluster.config.encryption_config).some((c) => (c.resources ?? []).includes('secrets') && blocks(c.provider)[0]?.key_arn)
    ? undefined
    : 'secrets are not encrypted with a KMS key'),
};
