/**
 * The only managed policies a role may have attached: AWS-managed service-role policies that
 * grant no IAM write (but, for EKS, creating its own service-linked role), each for the one AWS
 * service that assumes the role it is attached to.
 * Their actions are AWS's to keep current as the service changes; writing them inline would
 * copy a list that AWS changes without notice.
 */
export const SERVICE_ROLE_POLICIES: Readonly<Record<string, { readonly service: string; readonly why: string }>> = {
  AmazonEKSClusterPolicy: {
    service: 'eks.amazonaws.com',
    why: 'what the EKS control plane needs to manage network interfaces, load balancers and its own service-linked role; no other IAM write',
  },
  AmazonEKSWorkerNodePolicy: {
    service: 'ec2.amazonaws.com',
    why: 'what a node needs to join its cluster: EC2 and EKS describe calls only',
  },
  AmazonEKS_CNI_Policy: {
    service: 'ec2.amazonaws.com',
    why: 'what the VPC CNI on each node needs to give pods addresses: EC2 network interface calls only',
  },
  AmazonEC2ContainerRegistryPullOnly: {
    service: 'ec2.amazonaws.com',
    why: 'what the kubelet needs to pull images: ECR pull only',
  },
};
