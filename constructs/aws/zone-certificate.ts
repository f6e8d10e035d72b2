import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PublicHostedZone } from './public-hosted-zone';

/** Props of a `ZoneCertificate`. */
export interface ZoneCertificateProps {
  /** The zone whose hosts the certificate covers, and where it is validated. */
  readonly zone: PublicHostedZone;
}

/**
 * A public ACM certificate for every host of a zone: `*.<zone>` and the zone's apex, validated by
 * DNS records in the zone, with certificate transparency logging on. ACM renews it by itself while
 * the records stay. `aws_acm_certificate_validation` waits for issuance, so that nothing applied
 * after it finds a certificate still pending. The AWS Load Balancer Controller attaches it to
 * the ALB's HTTPS listener for each Ingress whose tls hosts it covers.
 */
export class ZoneCertificate extends Construct {
  /** The certificate (replaced by creating the new one before the old one goes). */
  public readonly resource: AcmCertificate;
  /** The names the certificate covers: `*.<zone>` and `<zone>`. */
  public readonly domainNames: readonly string[];
  /** The DNS validation records, one per name (the wildcard and the apex share one record, hence `allow_overwrite`). */
  public readonly validationRecords: Route53Record;
  /** The wait for the certificate to be issued. */
  public readonly validation: AcmCertificateValidation;
  /** The certificate's ARN, once issued (a Terraform reference to the validation). */
  public readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: ZoneCertificateProps) {
    super(scope, id);
    const zone = props.zone;
    this.domainNames = [`*.${zone.zoneName}`, zone.zoneName];
    this.resource = new AcmCertificate(this, 'Resource', {
      domainName: this.domainNames[0],
      subjectAlternativeNames: this.domainNames.slice(1),
      validationMethod: 'DNS',
      options: { certificateTransparencyLoggingPreference: 'ENABLED' },
      lifecycle: { createBeforeDestroy: true },
    });
    const option = TerraformIterator.fromComplexList(this.resource.domainValidationOptions, 'domain_name');
    this.validationRecords = new Route53Record(this, 'ValidationRecord', {
      forEach: option,
      zoneId: zone.zoneId,
      name: option.getString('resource_record_name'),
      type: option.getString('resource_record_type'),
      records: [option.getString('resource_record_value')],
      ttl: 300,
      allowOverwrite: true,
    });
    this.validation = new AcmCertificateValidation(this, 'Validation', {
      certificateArn: this.resource.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(this.validationRecords).pluckProperty('fqdn')),
    });
    this.certificateArn = this.validation.certificateArn;
  }
}
