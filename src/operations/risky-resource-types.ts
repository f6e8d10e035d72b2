/** A kind of resource that holds data or runs workloads, and what replacing or deleting one loses. */
export interface StatefulResourceKind {
  /** What the resource is, for a sentence: `database`, `bucket`. */
  readonly kind: string;
  /** What replacing or deleting it costs, after a colon: `its data is lost unless restored from a snapshot`. */
  readonly loss: string;
}

const DATABASE: StatefulResourceKind = { kind: 'database', loss: 'its data is lost unless restored from a snapshot' };
const CACHE: StatefulResourceKind = { kind: 'cache', loss: 'its data is lost and its clients reconnect to an empty one' };

/**
 * The AWS resource types whose replacement or deletion is high risk, by type: each holds data
 * (a database, bucket, key, queue, table, cache, file system, registry, DNS zone or secret) or
 * runs the workloads (a cluster, node group). Types not listed here are stateless: recreating them
 * disrupts at most briefly.
 */
export const STATEFUL_RESOURCE_KINDS: Readonly<Record<string, StatefulResourceKind>> = {
  aws_db_instance: DATABASE,
  aws_rds_cluster: DATABASE,
  aws_rds_cluster_instance: { kind: 'database instance', loss: 'the database is unavailable, or loses a replica, while it is recreated' },
  aws_dynamodb_table: { kind: 'table', loss: 'its items are lost unless restored from a backup' },
  aws_s3_bucket: { kind: 'bucket', loss: 'its objects are lost' },
  aws_kms_key: { kind: 'KMS key', loss: 'whatever was encrypted with it can no longer be decrypted' },
  aws_sqs_queue: { kind: 'queue', loss: 'the messages in it are lost' },
  aws_elasticache_cluster: CACHE,
  aws_elasticache_replication_group: CACHE,
  aws_elasticache_serverless_cache: CACHE,
  aws_efs_file_system: { kind: 'file system', loss: 'its files are lost unless restored from a backup' },
  aws_ecr_repository: { kind: 'container registry', loss: 'its images are lost, and deployments that pull them fail' },
  aws_route53_zone: { kind: 'DNS zone', loss: 'its records are lost and its name servers change' },
  aws_secretsmanager_secret: { kind: 'secret', loss: 'its value is lost once the recovery window ends' },
  aws_eks_cluster: { kind: 'cluster', loss: 'every workload on it stops until it is rebuilt and Argo CD syncs again' },
  aws_eks_node_group: { kind: 'node group', loss: 'its pods are evicted while its nodes are replaced' },
};

/**
 * The AWS resource types that say who may do what (IAM roles and policies, resource policies):
 * changing one is medium risk, however small the change, because it widens or cuts access.
 */
export const ACCESS_POLICY_TYPES: ReadonlySet<string> = new Set([
  'aws_iam_policy',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_policy_attachment',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_openid_connect_provider',
  'aws_eks_access_entry',
  'aws_eks_access_policy_association',
  'aws_kms_key_policy',
  'aws_s3_bucket_policy',
  'aws_sqs_queue_policy',
  'aws_ecr_repository_policy',
  'aws_secretsmanager_secret_policy',
]);
