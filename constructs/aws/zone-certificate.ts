import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { PublicHostedZone } from './public-hosted-zone';

/** Props of a `ZoneCertificate`. */
export interface ZoneCertificateProps {
  /** The zone whose hosts the certificate covers, and where it is validated. */
  readonly zone: PublicHostedZone;
}

/**
 * A public ACM certificate for every host of a zone: `*.<zone>` and the zone's apex, validated by
 * a DNS record in the zone, with certificate transparency logging on. ACM renews it by itself while
 * the records stay. `aws_acm_certificate_validation` waits for issuance, so that nothing applied
 * after it finds a certificate still pending. The AWS Load Balancer Controller attaches it to
 * the ALB's HTTPS listener for each Ingress whose tls hosts it covers.
 */
export class ZoneCertificate extends Construct {
  /** The certificate (replaced by creating the new one before the old one goes). */
  public readonly resource: AcmCertificate;
  /** The names the certificate covers: `*.<zone>` and `<zone>`. */
  public readonly domainNames: readonly string[];
  /**
   * The DNS validation record. ACM asks for the same CNAME for `*.<zone>` and `<zone>`, so one
   * record validates both; it takes the first of the certificate's validation options, whose
   * order Terraform knows only after apply, and any of them is the same record. (A `for_each` over
   * the options would not plan: its keys would be unknown until the certificate exists.)
   */
  public readonly validationRecord: Route53Record;
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
    const option = this.resource.domainValidationOptions.get(0);
    this.validationRecord = new Route53Record(this, 'ValidationRecord', {
      zoneId: zone.zoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
    });
    this.validation = new AcmCertificateValidation(this, 'Validation', {
      certificateArn: this.resource.arn,
      validationRecordFqdns: [this.validationRecord.fqdn],
    });
    this.certificateArn = this.validation.certificateArn;
  }
}
