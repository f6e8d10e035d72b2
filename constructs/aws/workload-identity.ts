import { Construct } from 'constructs';
import { EksCluster, IEksCluster } from './eks-cluster';
import { PolicyStatement } from './policy-statement';
import { Role } from './role';
import { PavedValidationError } from '../../src/platform/paved-validation-error';

/** Props of a `WorkloadIdentity`. */
export interface WorkloadIdentityProps {
  /** The Kubernetes namespace of the service account. */
  readonly namespace: string;
  /** The Kubernetes service account whose pods assume the role. */
  readonly serviceAccountName: string;
  /**
   * The cluster the service account is in.
   * @default - the environment's cluster, from its recorded facts (`EksCluster.fromEnvironment`)
   */
  readonly cluster?: IEksCluster;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * An IAM role for one Kubernetes service account (IRSA): only pods running as
 * `system:serviceaccount:<namespace>:<serviceAccountName>` in the cluster can assume it, with a
 * web identity token from the cluster's OIDC provider whose audience is STS.
 *
 * Grants add least-privilege statements to its policy (`bucket.grantReadWrite(identity)`).
 * Annotate the service account with `eks.amazonaws.com/role-arn: <roleArn>`; `roleArn` is a
 * literal, known at synth.
 */
export class WorkloadIdentity extends Role {
  /** The Kubernetes namespace of the service account, from `props.namespace`. */
  public readonly namespace: string;
  /** The Kubernetes service account whose pods assume the role, from `props.serviceAccountName`. */
  public readonly serviceAccountName: string;
  /** The cluster the service account is in: `props.cluster`, or the environment's cluster. */
  public readonly cluster: IEksCluster;
  /** The trust policy's only statement. */
  public readonly trustStatement: PolicyStatement;

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    const problems: string[] = [];
    if (typeof props.namespace !== 'string' || props.namespace.length > 63 || !DNS_LABEL.test(props.namespace)) {
      problems.push(`'namespace' must be a Kubernetes namespace name: at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit (got ${JSON.stringify(props.namespace)}).`);
    }
    if (typeof props.serviceAccountName !== 'string' || props.serviceAccountName.length > 253 || !DNS_SUBDOMAIN.test(props.serviceAccountName)) {
      problems.push(`'serviceAccountName' must be a Kubernetes object name: at most 253 lowercase letters, digits, hyphens and dots (got ${JSON.stringify(props.serviceAccountName)}).`);
    }
    PavedValidationError.throwIfAny(this, problems);
    this.namespace = props.namespace;
    this.serviceAccountName = props.serviceAccountName;
    this.cluster = props.cluster ?? EksCluster.fromEnvironment(this, 'Cluster');
    this.trustStatement = new PolicyStatement({
      sid: 'AssumeFromServiceAccount',
      principal: { Federated: [this.cluster.oidcProviderArn] },
      actions: ['sts:AssumeRoleWithWebIdentity'],
      conditions: {
        StringEquals: {
          [`${this.cluster.oidcIssuer}:sub`]: `system:serviceaccount:${this.namespace}:${this.serviceAccountName}`,
          [`${this.cluster.oidcIssuer}:aud`]: 'sts.amazonaws.com',
        },
      },
    });
    this.addToTrustPolicy(this.trustStatement);
  }
}
