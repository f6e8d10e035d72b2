import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Fn, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyDocument, PolicyStatement } from '../../../constructs';
import { renderStack, serviceStack } from '../../util';

const read = (sid: string, resources: string[]) => new PolicyStatement({ sid, actions: ['s3:GetObject', 's3:GetObject'], resources });

describe('PolicyDocument', () => {
  test('renders statements in Sid order with sorted lists, whatever the order they were added in', () => {
    const one = new PolicyDocument([read('B', ['arn:aws:s3:::b/*', 'arn:aws:s3:::a/*']), read('A', ['arn:aws:s3:::c/*'])]);
    const other = new PolicyDocument([read('A', ['arn:aws:s3:::c/*']), read('B', ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'])]);
    expect(one.toJson()).toBe(other.toJson());
    expect(JSON.parse(one.toJson())).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::c/*'] },
        { Sid: 'B', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] },
      ],
    });
  });

  test('keeps a statement added twice once', () => {
    const document = new PolicyDocument([read('A', ['arn:aws:s3:::a/*'])]);
    document.addStatements(read('A', ['arn:aws:s3:::a/*']));
    expect(JSON.parse(document.toJson()).Statement).toHaveLength(1);
  });

  test('fails when two different statements share a Sid', () => {
    const document = new PolicyDocument([read('A', ['arn:aws:s3:::a/*'])]);
    expect(() => document.addStatements(read('A', ['arn:aws:s3:::b/*']))).toThrow("PolicyStatement 'A': two different statements have this Sid: ");
  });

  test('sorts conditions by operator and key and their values', () => {
    const statement = new PolicyStatement({
      sid: 'A',
      principal: { Service: ['b.amazonaws.com', 'a.amazonaws.com'] },
      actions: ['sts:AssumeRole'],
      conditions: { StringEquals: { 'z:key': ['2', '1'], 'a:key': 'x' }, ArnLike: { 'aws:SourceArn': 'arn' } },
    });
    expect(JSON.stringify(statement.toJson())).toBe(
      '{"Sid":"A","Effect":"Allow","Principal":{"Service":["a.amazonaws.com","b.amazonaws.com"]},"Action":["sts:AssumeRole"],'
      + '"Condition":{"ArnLike":{"aws:SourceArn":"arn"},"StringEquals":{"a:key":"x","z:key":["1","2"]}}}',
    );
  });
});

test('fails at synth when a statement embeds a Terraform expression with quotes', () => {
  const stack = serviceStack();
  const document = new PolicyDocument([read('A', [Fn.replace('arn:aws:s3:::a', 'a', 'b')])]);
  new TerraformOutput(stack, 'Policy', { value: document.toLazyJson() });
  expect(() => renderStack(stack)).toThrow('A policy cannot embed the Terraform expression in ${replace("arn:aws:s3:::a", "a", "b")}: its quotes would break the JSON. Pass it through a TerraformLocal.');
});

test('renders references at synth next to plain strings, and checks both for quotes', () => {
  const stack = serviceStack();
  const parameter = new SsmParameter(stack, 'Name', { name: '/orders/bucket', type: 'String', value: 'orders' });
  const document = new PolicyDocument([read('A', [`arn:aws:s3:::${parameter.value}/*`, 'arn:aws:s3:::plain/*', 'arn:aws:s3:::1e5'])]);
  new TerraformOutput(stack, 'Policy', { value: document.toLazyJson() });
  expect(JSON.parse(renderStack(stack).output.Policy.value).Statement[0].Resource).toEqual([
    'arn:aws:s3:::${aws_ssm_parameter.Name.value}/*',
    'arn:aws:s3:::1e5',
    'arn:aws:s3:::plain/*',
  ]);

  const literal = serviceStack();
  new TerraformOutput(literal, 'Policy', { value: new PolicyDocument([read('A', ['${replace("a", "a", "b")}'])]).toLazyJson() });
  expect(() => renderStack(literal)).toThrow('A policy cannot embed the Terraform expression in ${replace("a", "a", "b")}');
});

describe('PolicyStatement', () => {
  test('sidFor names a statement after the construct path below the stack', () => {
    const stack = serviceStack();
    const nested = new Construct(new Construct(stack, 'Orders'), 'dead-letter_queue');
    expect(PolicyStatement.sidFor(nested, 'Consume', 'checkout_api')).toBe('OrdersDeadLetterQueueConsumeCheckoutApi');
  });

  test('denyInsecureTransport denies every action of the service over plain HTTP', () => {
    expect(PolicyStatement.denyInsecureTransport('sqs', ['arn:aws:sqs:eu-west-1:111111111111:q']).toJson()).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: ['sqs:*'],
      Resource: ['arn:aws:sqs:eu-west-1:111111111111:q'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  test('fails when a Sid has other characters than letters and digits', () => {
    expect(() => read('Read-Only', [])).toThrow("PolicyStatement 'Read-Only': 'sid' must be letters and digits only (got \"Read-Only\"); IAM accepts no other characters in a statement id.");
  });

  test('fails when a statement allows anyone', () => {
    expect(() => new PolicyStatement({ sid: 'Public', principal: '*', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::a/*'] }))
      .toThrow("PolicyStatement 'Public': allows anyone (principal '*'); only a Deny statement may name every principal: name the principals that need access.");
  });
});
