import { Construct } from 'constructs';
import { ClusterAddOn, ClusterAddOnOptions, HelmValues } from './cluster-add-on';
import { CONTROLLER_CLUSTER_KINDS } from './cluster-kinds';
import { ROLE_ARN_ANNOTATION, RUNTIME_DEFAULT_SECCOMP, flagAt, stringAt } from './values-reader';
import { ClusterCapabilities } from '../../src/platform/cluster-capabilities';
import { EXTERNAL_SECRETS_CHART, ExternalSecretsValues } from '../imports/charts/external-secrets';
import { validate } from '../imports/charts/external-secrets-validator';

/** Props of `ExternalSecrets`. */
export interface ExternalSecretsProps extends ClusterAddOnOptions<ExternalSecretsValues> {
  /** The namespace and name of the controller's service account, which the role trusts. */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
  /** The ARN of the IAM role the controller assumes (the platform's External Secrets `WorkloadIdentity`). */
  readonly roleArn: string;
}

/** The custom resource kinds of External Secrets, with the `crds.create*` switch of each (none: always installed). */
const KINDS: readonly [string, string | undefined][] = [
  ['external-secrets.io/ExternalSecret', undefined],
  ['external-secrets.io/ClusterExternalSecret', 'createClusterExternalSecret'],
  ['external-secrets.io/SecretStore', 'createSecretStore'],
  ['external-secrets.io/ClusterSecretStore', 'createClusterSecretStore'],
  ['external-secrets.io/PushSecret', 'createPushSecret'],
  ['external-secrets.io/ClusterPushSecret', 'createClusterPushSecret'],
  ['generators.external-secrets.io/ClusterGenerator', 'createClusterGenerator'],
];

/**
 * The External Secrets Operator (chart `external-secrets`): its CRDs, the controller whose
 * service account assumes the platform's External Secrets role to read AWS Secrets Manager, the
 * webhook and the cert controller, each with a `restricted` security context.
 */
export class ExternalSecrets extends ClusterAddOn {
  /** Paved's values of the chart for a service account and role. */
  public static pavedValues(serviceAccount: string, roleArn: string): ExternalSecretsValues {
    const pod = { enabled: true, seccompProfile: RUNTIME_DEFAULT_SECCOMP };
    return {
      installCRDs: true,
      serviceAccount: { create: true, name: serviceAccount, annotations: { [ROLE_ARN_ANNOTATION]: roleArn } },
      podSecurityContext: pod,
      webhook: { podSecurityContext: pod },
      certController: { podSecurityContext: pod },
    } as ExternalSecretsValues;
  }

  /** What the chart provides with `values`. */
  public static providedBy(values: HelmValues, namespace: string): ClusterCapabilities {
    const crds = flagAt(values, true, 'installCRDs');
    const name = stringAt(values, 'external-secrets', 'serviceAccount', 'name');
    const roleArn = stringAt(values, '', 'serviceAccount', 'annotations', ROLE_ARN_ANNOTATION);
    return {
      kinds: crds ? KINDS.filter(([, flag]) => flag === undefined || flagAt(values, true, 'crds', flag)).map(([kind]) => kind) : [],
      serviceAccounts: [{ namespace, name, ...(roleArn ? { roleArn } : {}) }],
    };
  }

  constructor(scope: Construct, id: string, props: ExternalSecretsProps) {
    super(scope, id, {
      name: 'external-secrets',
      chart: EXTERNAL_SECRETS_CHART,
      namespace: props.serviceAccount.namespace,
      values: ExternalSecrets.pavedValues(props.serviceAccount.name, props.roleArn) as HelmValues,
      options: { version: props.version, values: props.values as HelmValues | undefined },
      validator: validate,
      clusterResourceKinds: CONTROLLER_CLUSTER_KINDS,
      provides: (values) => ExternalSecrets.providedBy(values, props.serviceAccount.namespace),
    });
  }
}
