import { Construct } from 'constructs';
import { loadBalancerControllerStatements } from './aws-load-balancer-controller-policy';
import { ClusterAddOn, ClusterAddOnOptions, HelmValues } from './cluster-add-on';
import { CONTROLLER_CLUSTER_KINDS, ClusterKinds } from './cluster-kinds';
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, ROLE_ARN_ANNOTATION, RUNTIME_DEFAULT_SECCOMP, flagAt, stringAt } from './values-reader';
import { ClusterCapabilities } from '../../src/platform/cluster-capabilities';
import { TAG_KEYS } from '../../src/platform/tagging';
import { partitionOf } from '../aws/arn';
import { IEksCluster } from '../aws/eks-cluster';
import { WorkloadIdentity } from '../aws/workload-identity';
import { environmentChart } from '../environment-chart';
import { AWS_LOAD_BALANCER_CONTROLLER_CHART, AwsLoadBalancerControllerValues } from '../imports/charts/aws-load-balancer-controller';

/** Props of `AwsLoadBalancerController`. */
export interface AwsLoadBalancerControllerProps extends ClusterAddOnOptions<AwsLoadBalancerControllerValues> {
  /** The environment's platform stack, where the controller's IAM role is created. */
  readonly stack: Construct;
  /** The environment's cluster, whose OIDC provider the role trusts. */
  readonly cluster: IEksCluster;
  /**
   * The id of the cluster's VPC, known at synth (an adopted network's recorded `vpcId`).
   * @default - the controller finds the VPC by the platform's tags on it (`vpcTags`), which the `Network` construct's VPC carries
   */
  readonly vpcId?: string;
}

/** The namespace and service account of the controller. */
const NAMESPACE = 'aws-load-balancer-controller';
const SERVICE_ACCOUNT = 'aws-load-balancer-controller';

/**
 * The AWS Load Balancer Controller (chart `aws-load-balancer-controller`) in its own namespace:
 * it makes an ALB of each Ingress of IngressClass `alb` (and an NLB of each LoadBalancer
 * Service), finding each host's ACM certificate. Its IAM role (`role`, IRSA) may create only
 * what carries the platform's tag, which the controller puts on all it creates (`defaultTags`),
 * and change only what carries that tag and its cluster tag (`loadBalancerControllerStatements`).
 * Shield, WAF and WAFv2 are off.
 */
export class AwsLoadBalancerController extends ClusterAddOn {
  /** What the chart provides with `values`. */
  public static providedBy(values: HelmValues): ClusterCapabilities {
    const ingressClass = stringAt(values, 'alb', 'ingressClass');
    const roleArn = stringAt(values, '', 'serviceAccount', 'annotations', ROLE_ARN_ANNOTATION);
    return {
      kinds: ['elbv2.k8s.aws/IngressClassParams', 'elbv2.k8s.aws/TargetGroupBinding'],
      ingressClasses: flagAt(values, true, 'createIngressClassResource') ? [ingressClass] : [],
      certificates: { acm: true },
      serviceAccounts: [{ namespace: NAMESPACE, name: stringAt(values, SERVICE_ACCOUNT, 'serviceAccount', 'name'), ...(roleArn ? { roleArn } : {}) }],
    };
  }

  /** The controller's IAM role. */
  public readonly role: WorkloadIdentity;

  constructor(scope: Construct, id: string, props: AwsLoadBalancerControllerProps) {
    const { chart, environment } = environmentChart(scope);
    const platform = chart.platform.name;
    const role = new WorkloadIdentity(props.stack, 'AwsLoadBalancerController', {
      namespace: NAMESPACE, serviceAccountName: SERVICE_ACCOUNT, cluster: props.cluster,
    });
    const { region, account } = environment;
    loadBalancerControllerStatements({ partition: partitionOf(region), region, account, platform })
      .forEach((statement) => role.addToPolicy(statement));
    const values: AwsLoadBalancerControllerValues = {
      clusterName: environment.clusterName,
      region: environment.region,
      ...(props.vpcId !== undefined
        ? { vpcId: props.vpcId }
        : { vpcTags: { [TAG_KEYS.platform]: platform, [TAG_KEYS.environment]: environment.name, [TAG_KEYS.service]: 'platform' } }),
      serviceAccount: { create: true, name: SERVICE_ACCOUNT, annotations: { [ROLE_ARN_ANNOTATION]: role.roleArn } },
      defaultTags: { [TAG_KEYS.platform]: platform, [TAG_KEYS.environment]: environment.name },
      ingressClass: 'alb',
      createIngressClassResource: true,
      enableShield: false,
      enableWaf: false,
      enableWafv2: false,
      podSecurityContext: { fsGroup: 65534, runAsNonRoot: true, seccompProfile: RUNTIME_DEFAULT_SECCOMP },
      securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
    };
    super(scope, id, {
      name: 'aws-load-balancer-controller',
      chart: AWS_LOAD_BALANCER_CONTROLLER_CHART,
      namespace: NAMESPACE,
      values,
      options: { version: props.version, values: props.values },
      clusterResourceKinds: [...CONTROLLER_CLUSTER_KINDS, ClusterKinds.INGRESS_CLASS, ClusterKinds.INGRESS_CLASS_PARAMS],
      provides: AwsLoadBalancerController.providedBy,
    });
    this.role = role;
  }
}

