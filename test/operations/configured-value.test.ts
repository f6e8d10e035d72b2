import { ResourceReference, configuredValue } from '../../src';

const VALUES: Record<string, Record<string, unknown>> = {
  'aws_kms_key.Key_961B73FD': { arn: 'arn:aws:kms:eu-west-1:1:key/k', key_id: 'k', rotation_period_in_days: 365, enable_key_rotation: true, aliases: ['a', 'b'], missing: null },
  'aws_security_group.Sg': { ingress: [{ cidr_blocks: ['10.0.0.0/16'] }] },
};

const looked: ResourceReference[] = [];
const lookup = (reference: ResourceReference) => {
  looked.push(reference);
  return reference.path.reduce<any>((value, step) => value?.[step], VALUES[reference.resource]);
};

describe('configuredValue', () => {
  beforeEach(() => (looked.length = 0));

  test('a template of one interpolation is the referenced value itself, of its type', () => {
    expect(configuredValue('${aws_kms_key.Key_961B73FD.arn}', lookup)).toBe('arn:aws:kms:eu-west-1:1:key/k');
    expect(configuredValue('${ aws_kms_key.Key_961B73FD.aliases }', lookup)).toEqual(['a', 'b']);
    expect(configuredValue('${aws_kms_key.Key_961B73FD.rotation_period_in_days}', lookup)).toBe(365);
    expect(configuredValue('${aws_security_group.Sg.ingress[0].cidr_blocks}', lookup)).toEqual(['10.0.0.0/16']);
    expect(looked.at(-1)).toEqual({ resource: 'aws_security_group.Sg', path: ['ingress', 0, 'cidr_blocks'] });
  });

  test('interpolations inside text are written as strings, numbers and booleans as Terraform writes them', () => {
    expect(configuredValue('{"deadLetterTargetArn":"${aws_kms_key.Key_961B73FD.arn}","maxReceiveCount":5}', lookup))
      .toBe('{"deadLetterTargetArn":"arn:aws:kms:eu-west-1:1:key/k","maxReceiveCount":5}');
    expect(configuredValue('${aws_kms_key.Key_961B73FD.key_id}/${aws_kms_key.Key_961B73FD.rotation_period_in_days}/${aws_kms_key.Key_961B73FD.enable_key_rotation}', lookup))
      .toBe('k/365/true');
  });

  test('escapes are literal text, and a value without templates is itself', () => {
    expect(configuredValue('$${literal} %%{ not a directive } ${aws_kms_key.Key_961B73FD.key_id}', lookup)).toBe('${literal} %{ not a directive } k');
    expect(configuredValue('plain', lookup)).toBe('plain');
    expect(configuredValue(5, lookup)).toBe(5);
    expect(configuredValue(null, lookup)).toBeNull();
    expect(looked).toHaveLength(1);
  });

  test('lists and objects are evaluated item by item', () => {
    expect(configuredValue({ ids: ['${aws_kms_key.Key_961B73FD.key_id}', 'x'], n: 1 }, lookup)).toEqual({ ids: ['k', 'x'], n: 1 });
    expect(configuredValue({ ids: ['${aws_kms_key.Key_961B73FD.key_id}', '${var.x}'] }, lookup)).toBeUndefined();
  });

  test('is undefined where more than a lookup is needed, or a value is not known or not a string', () => {
    for (const template of [
      '${jsonencode({"DATABASE_HOST" = aws_db_instance.Database.address})}',
      '${var.region}',
      '${data.aws_region.this.name}',
      '${count.index}',
      '${aws_kms_key.Key_961B73FD}',
      '${aws_kms_key.Key_961B73FD.arn',
      '%{ if true }x%{ endif }',
      '${aws_kms_key.Other.arn}',
      'list: ${aws_kms_key.Key_961B73FD.aliases}',
      'null: ${aws_kms_key.Key_961B73FD.missing}',
    ]) {
      expect([template, configuredValue(template, lookup)]).toEqual([template, undefined]);
    }
  });
});
