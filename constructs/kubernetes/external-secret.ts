import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { SECRETS_MANAGER_STORE_NAME } from './secrets-manager-store';
import { PavedValidationError } from '../../src/platform/paved-validation-error';
import { sortedBy } from '../../src/util/sorted-by';
import * as eso from '../imports/external-secrets.io';

/** Props of an `ExternalSecret`. */
export interface ExternalSecretProps {
  /** Name of the ExternalSecret and of the Kubernetes Secret it keeps in sync. */
  readonly name: string;
  /** The AWS Secrets Manager secret to read: its name or ARN. */
  readonly remoteSecret: string;
  /**
   * Which properties of the (JSON) remote secret to copy, by the key they get in the Secret.
   * @default - every property of the JSON secret, under its own name
   */
  readonly keys?: Readonly<Record<string, string>>;
  /**
   * How often the operator reads the remote secret again (rotation reaches Pods after this).
   * @default Duration.hours(1)
   */
  readonly refreshInterval?: Duration;
  /**
   * The ClusterSecretStore to read through.
   * @default 'aws-secrets-manager' (the `SecretsManagerStore` of the platform)
   */
  readonly storeName?: string;
}

/**
 * A Kubernetes Secret kept in sync from AWS Secrets Manager by the External Secrets Operator.
 * The output holds only the reference: secret values never appear in a manifest.
 */
export class ExternalSecret extends Construct {
  /** Name of the ExternalSecret and of the Secret it creates (use it in `envFrom`). */
  public readonly secretName: string;
  /** The AWS Secrets Manager secret read, by name or ARN, from `props.remoteSecret`. */
  public readonly remoteSecret: string;
  /** Keys copied, by Secret key; empty when the whole JSON secret is copied. */
  public readonly keys: Readonly<Record<string, string>>;
  /** How often the operator reads the remote secret again: `props.refreshInterval`, or one hour. */
  public readonly refreshInterval: Duration;
  /** The ClusterSecretStore read through: `props.storeName`, or `'aws-secrets-manager'`. */
  public readonly storeName: string;
  /** The ExternalSecret object. */
  public readonly resource: eso.ExternalSecret;

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    this.secretName = props.name;
    this.remoteSecret = props.remoteSecret;
    this.keys = props.keys ?? {};
    this.refreshInterval = props.refreshInterval ?? Duration.hours(1);
    this.storeName = props.storeName ?? SECRETS_MANAGER_STORE_NAME;

    const problems: string[] = [];
    if (typeof props.remoteSecret !== 'string' || !/^(arn:aws[\w-]*:secretsmanager:\S+|[A-Za-z0-9/_+=.@-]{1,512})$/.test(props.remoteSecret)) {
      problems.push(`'remoteSecret' must be a Secrets Manager secret name or ARN (got ${JSON.stringify(props.remoteSecret)}).`);
    }
    for (const key of Object.keys(this.keys)) {
      if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
        problems.push(`'keys' has the Secret key '${key}', which Kubernetes refuses; use letters, digits, '-', '_' and '.'.`);
      }
    }
    PavedValidationError.throwIfAny(this, problems);

    const remoteRef = (property?: string) => ({ key: this.remoteSecret, ...(property === undefined ? {} : { property }) });
    const keyNames = sortedBy(Object.keys(this.keys), (k) => k);
    this.resource = new eso.ExternalSecret(this, 'Resource', {
      metadata: { name: this.secretName },
      spec: {
        refreshInterval: `${this.refreshInterval.toSeconds()}s`,
        secretStoreRef: { kind: eso.ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE, name: this.storeName },
        target: {
          name: this.secretName,
          creationPolicy: eso.ExternalSecretSpecTargetCreationPolicy.OWNER,
          deletionPolicy: eso.ExternalSecretSpecTargetDeletionPolicy.RETAIN,
        },
        ...(keyNames.length > 0
          ? { data: keyNames.map((secretKey) => ({ secretKey, remoteRef: remoteRef(this.keys[secretKey]) })) }
          : { dataFrom: [{ extract: remoteRef() }] }),
      },
    });
  }
}
