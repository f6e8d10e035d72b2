import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Fn, Lazy, Token } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import { resolveTokens } from '../../src/engine/resolve-tokens';
import { serviceStack } from '../util';

describe('resolveTokens resolves as cdktf resolve does', () => {
  const stack = serviceStack();
  const parameter = new SsmParameter(stack, 'Endpoint', { name: '/checkout/endpoint', type: 'String', value: 'https://checkout' });

  test.each([
    ['plain JSON, undefined dropped', { a: 'x', b: 1, c: [true, null, undefined, 'y'], d: { e: undefined, f: {} }, g: [] }],
    ['strings like numbers and exponents', { version: '1e5', name: 'a-e-b', float: '2.5e-3', map: 'String Map Token Value-ish' }],
    ['a string token', { value: parameter.value, inside: `arn is ${parameter.arn}` }],
    ['a function of tokens', { joined: Fn.join(',', [parameter.name, 'literal']) }],
    ['a list token in a list', { names: Token.asList(parameter.name), nested: [Token.asList(Fn.split(',', parameter.value)), ['a']] }],
    ['a number token', { version: Token.asNumber(parameter.version), list: [1, Token.asNumber(parameter.version)] }],
    ['a lazy value and a resolvable in a map', { lazy: Lazy.stringValue({ produce: () => 'produced' }), nested: { any: Lazy.anyValue({ produce: () => ({ k: [parameter.arn] }) }) } }],
    ['a key that is a token', { [parameter.name]: 'value' }],
    ['a top-level string, number and list', ['x', 2, parameter.arn]],
  ])('%s', (_, value) => {
    expect(resolveTokens(stack, value)).toStrictEqual(resolve(stack, value));
  });

  test('copies plain maps and lists instead of returning them', () => {
    const value = { tags: { team: 'payments' }, list: ['a'] };
    const resolved = resolveTokens(stack, value) as typeof value;
    expect(resolved).toStrictEqual(value);
    expect(resolved.tags).not.toBe(value.tags);
    expect(resolved.list).not.toBe(value.list);
  });
});
