import { join } from 'path';
import { PublicHostedZone, ZoneCertificate } from '../../../constructs';
import {
  TERRAFORM_TIMEOUT_MS, describeWithTerraform, onlyResource, planOffline, renderStack, runTerraform, synthToTemp, testPlatform,
} from '../../util';

function zoneAndCertificate() {
  const platform = testPlatform();
  const stack = platform.placement('platform', 'prod').stack;
  const zone = new PublicHostedZone(stack, 'DnsZone', { zoneName: 'acme.example' });
  const certificate = new ZoneCertificate(stack, 'Certificate', { zone });
  return { platform, stack, zone, certificate };
}

describe('ZoneCertificate', () => {
  const { stack, certificate } = zoneAndCertificate();
  const json = renderStack(stack);

  test('covers every host of the zone and its apex, validated by DNS, with transparency logging', () => {
    expect(certificate.domainNames).toEqual(['*.acme.example', 'acme.example']);
    expect(onlyResource(json, 'aws_acm_certificate')).toMatchObject({
      domain_name: '*.acme.example',
      subject_alternative_names: ['acme.example'],
      validation_method: 'DNS',
      options: { certificate_transparency_logging_preference: 'ENABLED' },
      lifecycle: { create_before_destroy: true },
    });
  });

  test('writes the one validation record of both names in the zone, and waits for issuance', () => {
    const options = 'tolist(aws_acm_certificate.Certificate_4E7ABB08.domain_validation_options).0';
    expect(onlyResource(json, 'aws_route53_record')).toMatchObject({
      zone_id: '${aws_route53_zone.DnsZone_5A00774F.zone_id}',
      name: `\${${options}.resource_record_name}`,
      type: `\${${options}.resource_record_type}`,
      records: [`\${${options}.resource_record_value}`],
      ttl: 300,
    });
    expect(onlyResource(json, 'aws_acm_certificate_validation')).toMatchObject({
      certificate_arn: '${aws_acm_certificate.Certificate_4E7ABB08.arn}',
      validation_record_fqdns: ['${aws_route53_record.Certificate_ValidationRecord_2C573972.fqdn}'],
    });
  });
});

describeWithTerraform('Terraform accepts a zone with its certificate', () => {
  const { platform } = zoneAndCertificate();
  const dir = join(synthToTemp(platform), 'terraform/prod/platform-prod');

  test('passes terraform validate without warnings, and plans the zone, the certificate, its record and the validation offline', async () => {
    const validate = await runTerraform(dir, 'validate', '-json', '-no-color');
    expect(JSON.parse(validate.replace(/^[\s\S]*?(?=^\{)/m, ''))).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
    const plan = await planOffline(dir);
    expect(plan).toContain('Plan: 4 to add, 0 to change, 0 to destroy.');
  }, TERRAFORM_TIMEOUT_MS);
});
