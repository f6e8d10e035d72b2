import { Rule } from '../rule';
import { bucketAccessLogging } from '../rules/aws/bucket-access-logging';
import { bucketEncryption } from '../rules/aws/bucket-encryption';
import { bucketOwnerEnforced } from '../rules/aws/bucket-owner-enforced';
import { bucketPolicyPrincipals } from '../rules/aws/bucket-policy-principals';
import { bucketPublicAccessBlock } from '../rules/aws/bucket-public-access-block';
import { bucketTlsOnly } from '../rules/aws/bucket-tls-only';
import { bucketVersioning } from '../rules/aws/bucket-versioning';
import { clusterControlPlaneLogs } from '../rules/aws/cluster-control-plane-logs';
import { clusterPrivateEndpoint } from '../rules/aws/cluster-private-endpoint';
import { clusterSecretsEncryption } from '../rules/aws/cluster-secrets-encryption';
import { clusterVersion } from '../rules/aws/cluster-version';
import { databaseBackups } from '../rules/aws/database-backups';
import { databaseDeletionProtection } from '../rules/aws/database-deletion-protection';
import { databaseEncryption } from '../rules/aws/database-encryption';
import { databaseEngineVersion } from '../rules/aws/database-engine-version';
import { databaseForceSsl } from '../rules/aws/database-force-ssl';
import { databaseIamAuthentication } from '../rules/aws/database-iam-authentication';
import { databaseManagedPassword } from '../rules/aws/database-managed-password';
import { databaseMultiAz } from '../rules/aws/database-multi-az';
import { databasePrivate } from '../rules/aws/database-private';
import { githubActionsTrust } from '../rules/aws/github-actions-trust';
import { kmsKeyPolicyPrincipals } from '../rules/aws/kms-key-policy-principals';
import { kmsKeyRotation } from '../rules/aws/kms-key-rotation';
import { logGroupEncryption } from '../rules/aws/log-group-encryption';
import { noLiteralSecrets } from '../rules/aws/no-literal-secrets';
import { noManagedPolicies } from '../rules/aws/no-managed-policies';
import { noOpenIngress } from '../rules/aws/no-open-ingress';
import { noPrivilegeEscalation } from '../rules/aws/no-privilege-escalation';
import { noWildcardActions } from '../rules/aws/no-wildcard-actions';
import { noWildcardResources } from '../rules/aws/no-wildcard-resources';
import { nodeGroupNoSsh } from '../rules/aws/node-group-no-ssh';
import { queueDeadLetter } from '../rules/aws/queue-dead-letter';
import { queueEncryption } from '../rules/aws/queue-encryption';
import { queueTlsOnly } from '../rules/aws/queue-tls-only';
import { repositoryEncryption } from '../rules/aws/repository-encryption';
import { repositoryImageHygiene } from '../rules/aws/repository-image-hygiene';
import { rolePermissionsBoundary } from '../rules/aws/role-permissions-boundary';
import { secretEncryption } from '../rules/aws/secret-encryption';
import { vpcDefaultSecurityGroup } from '../rules/aws/vpc-default-security-group';
import { vpcFlowLogs } from '../rules/aws/vpc-flow-logs';
import { workloadIdentityTrust } from '../rules/aws/workload-identity-trust';

/** Guardrails over the Terraform output: encryption, exposure, logging, backups, least privilege. */
export const AWS_PACK: readonly Rule[] = [
  kmsKeyRotation,
  kmsKeyPolicyPrincipals,
  bucketEncryption,
  bucketPublicAccessBlock,
  bucketTlsOnly,
  bucketVersioning,
  bucketAccessLogging,
  bucketOwnerEnforced,
  bucketPolicyPrincipals,
  queueEncryption,
  queueDeadLetter,
  queueTlsOnly,
  repositoryImageHygiene,
  repositoryEncryption,
  databaseEncryption,
  databasePrivate,
  databaseEngineVersion,
  databaseBackups,
  databaseDeletionProtection,
  databaseMultiAz,
  databaseIamAuthentication,
  databaseManagedPassword,
  databaseForceSsl,
  clusterVersion,
  clusterPrivateEndpoint,
  clusterSecretsEncryption,
  clusterControlPlaneLogs,
  nodeGroupNoSsh,
  noWildcardActions,
  noWildcardResources,
  workloadIdentityTrust,
  githubActionsTrust,
  noManagedPolicies,
  noPrivilegeEscalation,
  rolePermissionsBoundary,
  noOpenIngress,
  noLiteralSecrets,
  logGroupEncryption,
  vpcFlowLogs,
  vpcDefaultSecurityGroup,
  secretEncryption,
];
