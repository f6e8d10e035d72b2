import { TerraformRule } from '../../rule';

/** Oldest Kubernetes minor version the platform supports. */
export const MIN_KUBERNETES_VERSION = '1.31';

export const clusterVersion: TerraformRule = {
  id: 'PAVED-AWS-EKS-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_eks_cluster'],
  title: `EKS clusters run a supported Kubernetes version (${MIN_KUBERNETES_VERSION} or newer).`,
  rationale: 'Versions past standard support cost extra, then are force-upgraded, and miss security fixes.',
  fix: `Use the EksCluster construct's default version, or set version to ${MIN_KUBERNETES_VERSION} or newer.`,
  check: (cluster) => {
    const [major, minor] = String(cluster.config.version ?? '').split('.').map(Number);
    const [minMajor, minMinor] = MIN_KUBERNETES_VERSION.split('.').map(Number);
    const supported = major > minMajor || (major === minMajor && minor >= minMinor);
    return supported ? undefined : `version is ${JSON.stringify(cluster.config.version ?? 'not set')}`;
  },
};
