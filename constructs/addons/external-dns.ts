import { Construct } from 'constructs';
import { ClusterAddOn, ClusterAddOnOptions, HelmValues } from './cluster-add-on';
import { ClusterKinds } from './cluster-kinds';
import { ROLE_ARN_ANNOTATION, stringAt } from './values-reader';
import { ClusterCapabilities } from '../../src/platform/cluster-capabilities';
import { partitionOf } from '../aws/arn';
import { IEksCluster } from '../aws/eks-cluster';
import { PolicyStatement } from '../aws/policy-statement';
import { WorkloadIdentity } from '../aws/workload-identity';
import { environmentChart } from '../environment-chart';
import { EXTERNAL_DNS_CHART, ExternalDnsValues } from '../imports/charts/external-dns';
import { validate } from '../imports/charts/external-dns-validator';

/** Props of `ExternalDns`. */
export interface ExternalDnsProps extends ClusterAddOnOptions<ExternalDnsValues> {
  /** The environment's platform stack, where the IAM role is created. */
  readonly stack: Construct;
  /** The environment's cluster, whose OIDC provider the role trusts. */
  readonly cluster: IEksCluster;
  /** The DNS zone whose records external-dns manages: `<environment>.<domain>`, or `<domain>` in production. */
  readonly zone: string;
}

const NAMESPACE = 'external-dns';
const SERVICE_ACCOUNT = 'external-dns';

/**
 * external-dns (chart `external-dns`) with the AWS provider: it writes the Route 53 records of
 * the environment's Ingress and Service hosts, in the environment's zone only (`domainFilters`),
 * owning them by the cluster's name (`txtOwnerId`), and never deletes records it did not make
 * (`policy: upsert-only`). Its IAM role (`role`, IRSA) may change only records whose names are
 * the zone or below it (`route53:ChangeResourceRecordSetsNormalizedRecordNames`).
 */
export class ExternalDns extends ClusterAddOn {
  /** What the chart provides with `values`. */
  public static providedBy(values: HelmValues): ClusterCapabilities {
    const roleArn = stringAt(values, '', 'serviceAccount', 'annotations', ROLE_ARN_ANNOTATION);
    return {
      kinds: ['externaldns.k8s.io/DNSEndpoint'],
      serviceAccounts: [{ namespace: NAMESPACE, name: stringAt(values, SERVICE_ACCOUNT, 'serviceAccount', 'name'), ...(roleArn ? { roleArn } : {}) }],
    };
  }

  /** The IAM policy statements of external-dns for `zone`, in `partition`. */
  public static statements(zone: string, partition: string): PolicyStatement[] {
    const zones = `arn:${partition}:route53:::hostedzone/*`;
    return [
      new PolicyStatement({
        sid: 'ChangeZoneRecords',
        actions: ['route53:ChangeResourceRecordSets'],
        resources: [zones],
        conditions: { 'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': [zone, `*.${zone}`] } },
      }),
      new PolicyStatement({
        sid: 'ReadZoneRecords',
        actions: ['route53:ListResourceRecordSets', 'route53:ListTagsForResources'],
        resources: [zones],
      }),
      new PolicyStatement({
        sid: 'ListZones',
        actions: ['route53:ListHostedZones'],
        resources: ['*'],
      }),
    ];
  }

  /** The IAM role. */
  public readonly role: WorkloadIdentity;
  /** The zone whose records it manages, from `props.zone`. */
  public readonly zone: string;

  constructor(scope: Construct, id: string, props: ExternalDnsProps) {
    const { environment } = environmentChart(scope);
    const role = new WorkloadIdentity(props.stack, 'ExternalDns', { namespace: NAMESPACE, serviceAccountName: SERVICE_ACCOUNT, cluster: props.cluster });
    ExternalDns.statements(props.zone, partitionOf(environment.region)).forEach((s) => role.addToPolicy(s));
    const values: ExternalDnsValues = {
      provider: { name: 'aws' },
      domainFilters: [props.zone],
      txtOwnerId: environment.clusterName,
      policy: 'upsert-only',
      sources: ['service', 'ingress'],
      serviceAccount: { create: true, name: SERVICE_ACCOUNT, annotations: { [ROLE_ARN_ANNOTATION]: role.roleArn } },
      env: [{ name: 'AWS_DEFAULT_REGION', value: environment.region }],
    };
    super(scope, id, {
      name: 'external-dns',
      chart: EXTERNAL_DNS_CHART,
      namespace: NAMESPACE,
      values: values as HelmValues,
      options: { version: props.version, values: props.values as HelmValues | undefined },
      validator: validate,
      clusterResourceKinds: [ClusterKinds.CRD, ClusterKinds.CLUSTER_ROLE, ClusterKinds.CLUSTER_ROLE_BINDING],
      provides: ExternalDns.providedBy,
    });
    this.role = role;
    this.zone = props.zone;
  }
}
