import { Construct } from 'constructs';
import { ClusterAddOn, ClusterAddOnOptions, HelmValues } from './cluster-add-on';
import { CONTROLLER_CLUSTER_KINDS } from './cluster-kinds';
import { flagAt } from './values-reader';
import { ClusterCapabilities } from '../../src/platform/cluster-capabilities';
import { CERT_MANAGER_CHART, CertManagerValues } from '../imports/charts/cert-manager';
import { validate } from '../imports/charts/cert-manager-validator';

/** Props of `CertManager`. */
export interface CertManagerProps extends ClusterAddOnOptions<CertManagerValues> {}

/** The namespace cert-manager runs in. */
const NAMESPACE = 'cert-manager';

/**
 * cert-manager (chart `cert-manager`), an opt-in add-on: the platform's Ingress hosts get ACM
 * certificates through the load balancer by default. Paved installs its CRDs (kept on uninstall)
 * and keeps its leader election in its own namespace rather than `kube-system`. It declares no
 * ClusterIssuer and has no IAM role: add both (DNS-01 through Route 53) where needed.
 */
export class CertManager extends ClusterAddOn {
  /** Paved's values of the chart. */
  public static readonly PAVED_VALUES: CertManagerValues = {
    crds: { enabled: true, keep: true },
    global: { leaderElection: { namespace: NAMESPACE } },
  };

  /** What the chart provides with `values`. */
  public static providedBy(values: HelmValues): ClusterCapabilities {
    const crds = flagAt(values, false, 'crds', 'enabled') || flagAt(values, false, 'installCRDs');
    return {
      kinds: crds ? [
        'acme.cert-manager.io/Challenge', 'acme.cert-manager.io/Order', 'cert-manager.io/Certificate',
        'cert-manager.io/CertificateRequest', 'cert-manager.io/ClusterIssuer', 'cert-manager.io/Issuer',
      ] : [],
      certificates: { clusterIssuers: [] },
    };
  }

  constructor(scope: Construct, id: string, props: CertManagerProps = {}) {
    super(scope, id, {
      name: 'cert-manager',
      chart: CERT_MANAGER_CHART,
      namespace: NAMESPACE,
      values: CertManager.PAVED_VALUES as HelmValues,
      options: { version: props.version, values: props.values as HelmValues | undefined },
      validator: validate,
      clusterResourceKinds: CONTROLLER_CLUSTER_KINDS,
      provides: CertManager.providedBy,
    });
  }
}
