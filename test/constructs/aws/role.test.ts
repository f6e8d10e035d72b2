import { Role } from '../../../constructs';
import { onlyResource, refTo, renderStack, resourcesOf, serviceStack, statementsOf, testRole } from '../../util';

describe('Role', () => {
  test('is named by the platform and has a literal ARN', () => {
    const stack = serviceStack();
    const role = testRole(stack);
    expect(role.roleName).toBe('acme-dev-checkout-app');
    expect(role.roleArn).toBe('arn:aws:iam::111111111111:role/acme-dev-checkout-app');
    expect(onlyResource(renderStack(stack), 'aws_iam_role').name).toBe('acme-dev-checkout-app');
  });

  test('trusts the service it is for, with the conditions given', () => {
    const stack = serviceStack();
    new Role(stack, 'FlowLogs', {
      trustStatements: [Role.trustService('vpc-flow-logs.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111111111111' } })],
      roleName: 'flow-logs',
    });
    const role = onlyResource(renderStack(stack), 'aws_iam_role');
    expect(role.name).toBe('flow-logs');
    expect(statementsOf(role.assume_role_policy)).toEqual({
      TrustService: {
        Sid: 'TrustService',
        Effect: 'Allow',
        Principal: { Service: ['vpc-flow-logs.amazonaws.com'] },
        Action: ['sts:AssumeRole'],
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      },
    });
  });

  test('attaches AWS managed policies by name', () => {
    const stack = serviceStack();
    new Role(stack, 'Nodes', { trustStatements: [Role.trustService('ec2.amazonaws.com')], managedPolicyNames: ['AmazonEKSWorkerNodePolicy'] });
    const json = renderStack(stack);
    expect(onlyResource(json, 'aws_iam_role_policy_attachment')).toMatchObject({
      policy_arn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      role: refTo(json, 'aws_iam_role', 'checkout-dev/Nodes/Resource', 'name'),
    });
  });

  test("carries the platform's permissions boundary in its account by default, or the one given", () => {
    const stack = serviceStack();
    const role = testRole(stack);
    expect(role.permissionsBoundaryArn).toBe('arn:aws:iam::111111111111:policy/acme-paved-boundary');
    new Role(stack, 'Bounded', { trustStatements: [Role.trustService('ec2.amazonaws.com')], permissionsBoundaryArn: 'arn:aws:iam::111111111111:policy/narrow' });
    const json = renderStack(stack);
    expect(Object.fromEntries(Object.values<any>(resourcesOf(json, 'aws_iam_role')).map((r) => [r.name, r.permissions_boundary]))).toEqual({
      'acme-dev-checkout-app': 'arn:aws:iam::111111111111:policy/acme-paved-boundary',
      'acme-dev-checkout-bounded': 'arn:aws:iam::111111111111:policy/narrow',
    });
  });

  test('has no inline policy until the first grant', () => {
    const stack = serviceStack();
    const role = testRole(stack);
    expect(role.policy).toBeUndefined();
    expect(resourcesOf(renderStack(stack), 'aws_iam_role_policy')).toEqual({});
  });

  test('fails at synth when nobody may assume it', () => {
    const stack = serviceStack();
    new Role(stack, 'Orphan');
    expect(() => renderStack(stack)).toThrow('[checkout-dev/Orphan] the role has no trust statement: nobody could assume it. Add one with addToTrustPolicy().');
  });
});
