import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { NAMESPACE_NAME_LABEL } from './workload-network-policy';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { LABEL_KEYS } from '../../src/platform/tagging';
import { Team } from '../../src/platform/team';
import { SyncWave, syncWaveAnnotation } from '../argocd/sync-wave';
import { environmentChart } from '../environment-chart';

/** Namespace labels that make Pod Security Admission enforce, audit and warn on `restricted`. */
export const RESTRICTED_POD_SECURITY_LABELS: Readonly<Record<string, string>> = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
};

/** What a team may use in total in its namespace. */
export interface TenancyQuota {
  /**
   * Sum of CPU requests, in cores.
   * @default 8
   */
  readonly cpuCores?: number;
  /**
   * Sum of memory requests, in GiB.
   * @default 16
   */
  readonly memoryGiB?: number;
  /**
   * Sum of memory limits, in GiB.
   * @default - twice `memoryGiB`
   */
  readonly memoryLimitGiB?: number;
  /**
   * Sum of ephemeral storage requests, in GiB.
   * @default 50
   */
  readonly ephemeralStorageGiB?: number;
  /**
   * Most Pods.
   * @default 100
   */
  readonly pods?: number;
}

/** The ClusterRole a team's group is bound to in its namespace. */
export type TenancyRole = 'edit' | 'view';

/** Props of a `TeamTenancy`. */
export interface TeamTenancyProps {
  /** The team, by name. */
  readonly team: string;
  /**
   * Resource quota of the namespace. Load balancer and NodePort Services are always 0.
   * @default - 8 cores, 16 GiB memory requests, 32 GiB memory limits, 50 GiB ephemeral storage, 100 Pods
   */
  readonly quota?: TenancyQuota;
  /**
   * The ClusterRole the team's identity-provider group gets in its namespace.
   * @default - `edit` in development environments, `view` elsewhere (changes go through Git)
   */
  readonly role?: TenancyRole;
}

/**
 * A team's namespace in one environment: Pod Security Admission `restricted` (enforced, audited,
 * warned), a ResourceQuota, a LimitRange with container defaults, a RoleBinding of the team's
 * group, and network policies that deny everything but DNS (workloads add their own allows).
 * Declare it in the platform's chart of the environment; the namespace comes first in the sync.
 */
export class TeamTenancy extends Construct {
  /** The team's namespace (its name). */
  public readonly namespaceName: string;
  /** The team whose namespace this is, looked up by `props.team`. */
  public readonly team: Team;
  /**
   * The namespace's resource quota: `props.quota`, with 8 cores, 16 GiB memory requests, 32 GiB memory limits, 50 GiB
   * ephemeral storage and 100 Pods for those not given.
   */
  public readonly quota: Required<TenancyQuota>;
  /** The ClusterRole bound to the team's group: `props.role`, or `edit` in development environments and `view` elsewhere. */
  public readonly role: TenancyRole;

  /** The team's namespace, with the Pod Security `restricted` labels (the default child `Resource`). */
  public readonly namespace: k8s.KubeNamespace;
  /** The ResourceQuota of the namespace, from `quota`, with no load balancer or NodePort Services. */
  public readonly resourceQuota: k8s.KubeResourceQuota;
  /**
   * The LimitRange that gives containers that state no resources 100m CPU, 128 MiB memory and 256 MiB ephemeral storage
   * requests and a 256 MiB memory limit, so they fit the quota.
   */
  public readonly limitRange: k8s.KubeLimitRange;
  /** The RoleBinding of `role` to the team's identity-provider group in the namespace. */
  public readonly roleBinding: k8s.KubeRoleBinding;
  /** Denies all traffic in and out of every Pod of the namespace. */
  public readonly defaultDeny: k8s.KubeNetworkPolicy;
  /** Allows every Pod of the namespace to query cluster DNS. */
  public readonly allowDns: k8s.KubeNetworkPolicy;
  /** One RoleBinding per time-boxed access grant in force (`paved access grant`), until its day. */
  public readonly accessGrants: readonly k8s.KubeRoleBinding[];

  constructor(scope: Construct, id: string, props: TeamTenancyProps) {
    super(scope, id);
    const { chart, environment } = environmentChart(this);
    this.team = chart.platform.team(props.team);
    this.namespaceName = environment.teamNamespace(this.team.name);
    const quota = props.quota ?? {};
    const memoryGiB = quota.memoryGiB ?? 16;
    this.quota = {
      cpuCores: quota.cpuCores ?? 8,
      memoryGiB,
      memoryLimitGiB: quota.memoryLimitGiB ?? 2 * memoryGiB,
      ephemeralStorageGiB: quota.ephemeralStorageGiB ?? 50,
      pods: quota.pods ?? 100,
    };
    const problems = Object.entries(this.quota)
      .filter(([, value]) => !(typeof value === 'number' && value > 0 && Number.isFinite(value)))
      .map(([key, value]) => `'quota.${key}' must be a positive number (got ${JSON.stringify(value)}).`);
    PavedValidationError.throwIfAny(this, problems);
    this.role = props.role ?? (environment.tier === 'development' ? 'edit' : 'view');

    const name = (...parts: string[]) => chart.platform.naming.kubernetesName(this.namespaceName, ...parts);
    const metadata = (...parts: string[]) => ({ name: name(...parts), namespace: this.namespaceName });

    this.namespace = new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name: this.namespaceName,
        annotations: syncWaveAnnotation(SyncWave.NAMESPACES),
        labels: { ...RESTRICTED_POD_SECURITY_LABELS, [LABEL_KEYS.tenant]: this.team.name },
      },
    });

    this.resourceQuota = new k8s.KubeResourceQuota(this, 'Quota', {
      metadata: metadata('quota'),
      spec: {
        hard: {
          'requests.cpu': k8s.Quantity.fromString(String(this.quota.cpuCores)),
          'requests.memory': k8s.Quantity.fromString(`${this.quota.memoryGiB}Gi`),
          'limits.memory': k8s.Quantity.fromString(`${this.quota.memoryLimitGiB}Gi`),
          'requests.ephemeral-storage': k8s.Quantity.fromString(`${this.quota.ephemeralStorageGiB}Gi`),
          'pods': k8s.Quantity.fromNumber(this.quota.pods),
          'services.loadbalancers': k8s.Quantity.fromNumber(0),
          'services.nodeports': k8s.Quantity.fromNumber(0),
        },
      },
    });

    // Containers that state no resources still fit the quota, which requires them.
    this.limitRange = new k8s.KubeLimitRange(this, 'Limits', {
      metadata: metadata('limits'),
      spec: {
        limits: [{
          type: 'Container',
          defaultRequest: {
            'cpu': k8s.Quantity.fromString('100m'),
            'memory': k8s.Quantity.fromString('128Mi'),
            'ephemeral-storage': k8s.Quantity.fromString('256Mi'),
          },
          default: { memory: k8s.Quantity.fromString('256Mi') },
        }],
      },
    });

    this.roleBinding = new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata: metadata(this.role),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: this.role },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: this.team.idpGroup }],
    });

    this.accessGrants = chart.platform.accessGrants(this.team.name, environment.name).map((grant) => new k8s.KubeRoleBinding(this, `Grant-${grant.role}-${grant.group}`, {
      metadata: { ...metadata('grant', grant.role, grant.group), annotations: { 'paved.dev/access-until': grant.until } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: grant.role },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: grant.group }],
    }));

    this.defaultDeny = new k8s.KubeNetworkPolicy(this, 'DefaultDeny', {
      metadata: metadata('default-deny'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });

    this.allowDns = new k8s.KubeNetworkPolicy(this, 'AllowDns', {
      metadata: metadata('allow-dns'),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{
          to: [{
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          }],
          ports: ['UDP', 'TCP'].map((protocol) => ({ protocol, port: k8s.IntOrString.fromNumber(53) })),
        }],
      },
    });
  }
}
