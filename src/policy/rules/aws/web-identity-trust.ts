import { GITHUB_ACTIONS_OIDC_HOST } from '../../../platform/github-actions';
import { TerraformResource } from '../../artifacts/terraform-resource';
import { UnreadableArtifactError } from '../../unreadable-artifact-error';
import { PolicyStatement, isExpression, policyStatements } from '../terraform-values';

/** Who issues the web identity tokens a trust statement accepts. */
export type TokenIssuer = 'eks-cluster' | 'github-actions' | 'other';

/** The issuer of an EKS cluster: `oidc.eks.<region>.amazonaws.com/id/<id>`. */
const EKS_ISSUER = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/;

/**
 * The Allow statements of `role`'s trust policy that accept web identity tokens from `issuer`.
 *
 * A statement's issuer comes from its Federated principal: an OIDC provider ARN, or a reference to
 * an `aws_iam_openid_connect_provider` of the stack (a cluster's when its URL refers to an
 * `aws_eks_cluster`); otherwise from its condition keys (`<issuer>:sub`).
 *
 * @throws when neither tells the issuer, so that the rule fails closed
 */
export function webIdentityTrust(role: TerraformResource, issuer: TokenIssuer): PolicyStatement[] {
  return policyStatements(role, 'assume_role_policy')
    .filter((s) => s.effect === 'Allow' && s.actions.includes('sts:AssumeRoleWithWebIdentity'))
    .filter((s) => s.principals.some((principal) => issuerOf(role, s, principal) === issuer));
}

function issuerOf(role: TerraformResource, statement: PolicyStatement, principal: string): TokenIssuer {
  if (!isExpression(principal)) {
    return issuerNamed(/:oidc-provider\/(.+)$/.exec(principal)?.[1] ?? principal);
  }
  const provider = role.stack.resolve(principal);
  const url = provider?.type === 'aws_iam_openid_connect_provider' ? String(provider.config.url) : undefined;
  if (url?.startsWith('${aws_eks_cluster.')) {
    return 'eks-cluster';
  }
  if (url !== undefined && !isExpression(url)) {
    return issuerNamed(url.replace(/^https:\/\//, ''));
  }
  const fromKeys = Object.values(statement.conditions).flatMap((entries) => Object.keys(entries))
    .map((key) => /^(.+):(sub|aud)$/.exec(key)?.[1])
    .filter((host): host is string => host !== undefined && !isExpression(host));
  if (fromKeys.length === 0) {
    throw new UnreadableArtifactError(`the trust of ${role.address} trusts the OIDC provider ${principal}, whose issuer neither the stack nor a condition key names`);
  }
  return issuerNamed(fromKeys[0]);
}

function issuerNamed(host: string): TokenIssuer {
  return EKS_ISSUER.test(host) ? 'eks-cluster' : host === GITHUB_ACTIONS_OIDC_HOST ? 'github-actions' : 'other';
}
