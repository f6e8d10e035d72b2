import { IDENTITY_POLICY_TYPES, allowStatements } from './identity-policies';
import { TerraformRule } from '../../rule';

export const noWildcardActions: TerraformRule = {
  id: 'PAVED-AWS-IAM-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: IDENTITY_POLICY_TYPES,
  title: 'IAM policies allow no wildcard actions ("*" or "service:*").',
  rationale: 'A wildcard grants every action a service has and every action it will add; least privilege names them.',
  fix: 'Grant through the modules (bucket.grantRead(), queue.grantConsume(), ...) or list the actions needed.',
  check: (policy) => allowStatements(policy).flatMap((s) => [...s.actions, ...s.notActions.map((a) => `NotAction ${a}`)]
    .filter((a) => a === '*' || a.endsWith(':*') || a.startsWith('NotAction'))
    .map((a) => `statement ${s.sid ?? '(no Sid)'} allows ${a}`)),
};
