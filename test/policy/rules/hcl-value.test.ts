import { parseHclValue } from '../../../src/policy/rules/hcl-value';

describe('parseHclValue', () => {
  test.each([
    ['an object of lists, strings, numbers and booleans', '{"a" = ["x", -1.5e3, 2], "b" = {"c-d" = true, "e" = false}, "f" = {}, "g" = []}',
      { a: ['x', -1500, 2], b: { 'c-d': true, 'e': false }, f: {}, g: [] }],
    ['a reference and a function call, as Terraform JSON writes them', '[aws_s3_bucket.b.arn, replace(local.x, "a", "b")]',
      ['${aws_s3_bucket.b.arn}', '${replace(local.x, "a", "b")}']],
    ['templates kept, escaped interpolation and escapes read', '["${aws_s3_bucket.b.arn}/*", "${replace(x, "}", "")}", "$${aws:username}", "a\\"b\\\\c\\n"]',
      ['${aws_s3_bucket.b.arn}/*', '${replace(x, "}", "")}', '${aws:username}', 'a"b\\c\n']],
  ])('reads %s', (_what, text, value) => {
    expect(parseHclValue(text)).toEqual(value);
  });

  test.each([
    ['a key without quotes', '{a = 1}', 'expected a quoted key at character 2 of "{a = 1}"'],
    ['a missing separator', '{"a" 1}', 'expected \'=\' at character 6 of "{\\"a\\" 1}"'],
    ['an empty item', '[1, , 2]', 'expected a value at character 5 of "[1, , 2]"'],
    ['an unterminated string', '["a]', 'unterminated string at character 5 of "[\\"a]"'],
    ['text after the value', '[1] 2', 'expected the end at character 5 of "[1] 2"'],
  ])('fails on %s', (_what, text, message) => {
    expect(() => parseHclValue(text)).toThrow(message);
  });
});
