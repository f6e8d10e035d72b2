import { Construct } from 'constructs';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { PlatformChart } from '../../src/platform/platform-chart';
import { sortedBy } from '../../src/util/sorted-by';
import * as eso from '../imports/external-secrets.io';

/** The name of the platform's ClusterSecretStore for AWS Secrets Manager. */
export const SECRETS_MANAGER_STORE_NAME = 'aws-secrets-manager';

/** A Kubernetes ServiceAccount, by namespace and name. */
export interface ServiceAccountReference {
  /** The ServiceAccount's namespace. */
  readonly namespace: string;
  /** The ServiceAccount's name. */
  readonly name: string;
}

/** Props of a `SecretsManagerStore`. */
export interface SecretsManagerStoreProps {
  /**
   * The AWS region of the secrets.
   * @default - the chart's environment's region
   */
  readonly region?: string;
  /**
   * The ServiceAccount whose IRSA role reads the secrets; the operator exchanges its token for
   * AWS credentials.
   * @default - `external-secrets` in namespace `external-secrets` (the operator's own)
   */
  readonly serviceAccount?: ServiceAccountReference;
  /**
   * The namespaces whose ExternalSecrets may use the store.
   * @default - the namespace of every team of the platform
   */
  readonly namespaces?: readonly string[];
}

/**
 * The cluster-wide ClusterSecretStore `aws-secrets-manager`: External Secrets reads AWS Secrets
 * Manager with IRSA credentials, for the team namespaces only. Declare it in the platform's chart
 * of each environment.
 */
export class SecretsManagerStore extends Construct {
  /** The ClusterSecretStore's name, `'aws-secrets-manager'`, which `ExternalSecret` reads through by default. */
  public readonly name = SECRETS_MANAGER_STORE_NAME;
  /** The AWS region of the secrets: `props.region`, or the chart's environment's region. */
  public readonly region: string;
  /** The ServiceAccount whose IRSA role reads the secrets: `props.serviceAccount`, or `external-secrets` in namespace `external-secrets`. */
  public readonly serviceAccount: ServiceAccountReference;
  /** Namespaces allowed to use the store, sorted. */
  public readonly namespaces: readonly string[];
  /** The ClusterSecretStore object. */
  public readonly resource: eso.ClusterSecretStore;

  constructor(scope: Construct, id: string, props: SecretsManagerStoreProps = {}) {
    super(scope, id);
    const chart = PlatformChart.of(this);
    const region = props.region ?? chart.environment?.region;
    if (region === undefined) {
      throw new PavedValidationError(this, "'region' is needed outside an environment's chart; declare the store in platform.placement('platform', env).chart or set 'region'.");
    }
    this.region = region;
    this.serviceAccount = props.serviceAccount ?? { namespace: 'external-secrets', name: 'external-secrets' };
    this.namespaces = sortedBy(new Set(props.namespaces ?? chart.platform.teams.map((t) => t.name)), (n) => n);
    this.resource = new eso.ClusterSecretStore(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        conditions: [{ namespaces: [...this.namespaces] }],
        provider: {
          aws: {
            service: eso.ClusterSecretStoreSpecProviderAwsService.SECRETS_MANAGER,
            region: this.region,
            auth: { jwt: { serviceAccountRef: { name: this.serviceAccount.name, namespace: this.serviceAccount.namespace } } },
          },
        },
      },
    });
  }
}
