import { closureRule, describeObject } from './closure-rule';
import { KubernetesObject } from '../../artifacts/kubernetes-object';
import { UnreadableArtifactError } from '../../unreadable-artifact-error';
import { iamPatternMatches } from '../iam-pattern';
import { RoleGrant, roleGrants, roleNameOf } from '../role-grants';
import { PolicyStatement, isExpression } from '../terraform-values';

/** The action External Secrets reads a secret's value with. */
const READ_ACTION = 'secretsmanager:GetSecretValue';
/** Stands for the six random characters Secrets Manager appends to a secret's name in its ARN. */
const ARN_SUFFIX = '-Ab12Cd';

export const externalSecretAccess = closureRule({
  id: 'PAVED-CLS-ESO-002',
  level: 'error',
  kinds: ['ExternalSecret'],
  title: "Every key an ExternalSecret reads is readable by its store's IAM role: a policy of the cluster's stacks allows secretsmanager:GetSecretValue on the secret's ARN.",
  rationale: 'External Secrets fails at run time with AccessDenied when its role may not read a secret: the Secret is never created and the pods that need it never start.',
  fix: "Grant the secret to the store's role (Secret.grantRead on the ExistingRole of the External Secrets role, as the golden paths do), or read a secret the role may read.",
}, (externalSecret, cluster) => {
  const store = cluster.secretStoreFor(externalSecret);
  if (!store) {
    return undefined; // PAVED-CLS-ESO-001 reports the missing store
  }
  const aws = store.json.spec?.provider?.aws;
  if (aws?.service !== 'SecretsManager') {
    throw new UnreadableArtifactError(`its store ${store.kind} '${store.name}' is not an AWS Secrets Manager store (provider ${JSON.stringify(Object.keys(store.json.spec?.provider ?? {}))}), which this rule cannot check`);
  }
  const reference = aws.auth?.jwt?.serviceAccountRef;
  if (!reference?.name) {
    throw new UnreadableArtifactError(`its store ${store.kind} '${store.name}' names no auth.jwt.serviceAccountRef, so its IAM role is unknown`);
  }
  const accountNamespace = reference.namespace ?? store.namespace;
  const account = cluster.serviceAccount(accountNamespace, reference.name);
  if (!account?.roleArn) {
    return `${describeObject(externalSecret)} reads through ${store.kind} '${store.name}', whose ServiceAccount '${accountNamespace}/${reference.name}' ${account ? 'has no IAM role (eks.amazonaws.com/role-arn)' : 'nothing creates'} in cluster '${cluster.objects.cluster}'; turn on the external-secrets add-on, which creates it with its role`;
  }
  const roleName = roleNameOf(account.roleArn);
  if (roleName === undefined) {
    throw new UnreadableArtifactError(`the role ${JSON.stringify(account.roleArn)} of ServiceAccount '${accountNamespace}/${reference.name}' is not an IAM role ARN`);
  }
  const { grants, unreadable } = roleGrants(cluster.stacks, roleName);
  return keysOf(externalSecret).flatMap((key) => {
    const arn = key.startsWith('arn:') ? key : `arn:aws:secretsmanager:${aws.region ?? externalSecret.environment?.region}:${externalSecret.environment?.account}:secret:${key}${ARN_SUFFIX}`;
    const verdict = readable(grants, /:secret:(.+)-[A-Za-z0-9]{6}$/.exec(arn)?.[1] ?? key, arn);
    if (verdict === 'yes') {
      return [];
    }
    const unknown = [...unreadable, ...(verdict === 'unknown' ? ['a policy whose Resource is a Terraform expression paved cannot resolve'] : [])];
    if (unknown.length > 0) {
      throw new UnreadableArtifactError(`no policy of the cluster's stacks lets role '${roleName}' read secret '${key}', and these cannot be read: ${unknown.join(', ')}`);
    }
    return [`${describeObject(externalSecret)} reads secret '${key}' through ${store.kind} '${store.name}', but no policy of the stacks of cluster '${cluster.objects.cluster}' lets its role '${roleName}' call ${READ_ACTION} on it; grant the secret to that role (Secret.grantRead on an ExistingRole '${roleName}')`];
  });
});

/** The remote keys an ExternalSecret reads (`data[].remoteRef.key`, `dataFrom[].extract.key`). */
function keysOf(externalSecret: KubernetesObject): string[] {
  const spec = externalSecret.json.spec ?? {};
  const keys: string[] = (spec.data ?? []).map((d: any) => d?.remoteRef?.key);
  for (const source of spec.dataFrom ?? []) {
    if (source?.extract === undefined) {
      throw new UnreadableArtifactError(`it reads ${JSON.stringify(Object.keys(source ?? {}))} from its store, which names no key; use data[].remoteRef.key or dataFrom[].extract.key`);
    }
    keys.push(source.extract.key);
  }
  const bad = keys.filter((k) => typeof k !== 'string' || isExpression(k));
  if (bad.length > 0) {
    throw new UnreadableArtifactError(`it reads the keys ${JSON.stringify(bad)}, which are not secret names`);
  }
  return [...new Set(keys)].sort();
}

/**
 * Whether the grants let the role read the secret named `name` (ARN `arn`, a real one or one with a stand-in suffix): an Allow of
 * GetSecretValue on it that no Deny overrides. `unknown` when only a Resource that is an
 * unresolvable expression could have allowed it.
 */
function readable(grants: readonly RoleGrant[], name: string, arn: string): 'yes' | 'no' | 'unknown' {
  let unknown = false;
  const covers = (grant: RoleGrant, statement: PolicyStatement) => {
    if (!statement.actions.some((a) => iamPatternMatches(a, READ_ACTION, true))) {
      return false;
    }
    if (statement.notResources.length > 0) {
      return !statement.notResources.some((r) => !isExpression(r) && iamPatternMatches(r, arn));
    }
    return statement.resources.some((resource) => {
      if (!isExpression(resource)) {
        return iamPatternMatches(resource, arn);
      }
      const secret = grant.resource.stack.resolve(resource);
      if (secret?.type === 'aws_secretsmanager_secret' && /\.(arn|id)\}$/.test(resource)) {
        return secret.config.name === name;
      }
      unknown = true;
      return false;
    });
  };
  const statements = grants.flatMap((grant) => grant.statements.map((statement) => ({ grant, statement })));
  if (statements.some(({ grant, statement }) => statement.effect === 'Deny' && covers(grant, statement))) {
    return 'no';
  }
  return statements.some(({ grant, statement }) => statement.effect === 'Allow' && covers(grant, statement)) ? 'yes' : unknown ? 'unknown' : 'no';
}
