import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { PavedValidationError } from '../../src/platform/paved-validation-error';

/** Props of a `PublicHostedZone`. */
export interface PublicHostedZoneProps {
  /** The DNS name of the zone, such as `dev.acme.example`. */
  readonly zoneName: string;
}

/**
 * A public Route53 hosted zone that the environment's hosts are published in (by external-dns)
 * and its certificate is validated in. Its name servers are the Terraform output
 * `dns_name_servers`: the owner of the parent domain delegates the zone to them (an NS record in
 * the parent zone, or the registrar's name servers for an apex domain).
 *
 * It is kept on destroy while it holds records (`force_destroy` false). DNSSEC signing is not
 * enabled: it needs a customer managed KMS key in us-east-1 and a DS record in the parent zone,
 * which the platform does not own.
 */
export class PublicHostedZone extends Construct {
  /** The hosted zone. */
  public readonly resource: Route53Zone;
  /** The DNS name of the zone: `props.zoneName`. */
  public readonly zoneName: string;
  /** The zone's id (a Terraform reference). */
  public readonly zoneId: string;
  /** The zone's name servers, as the Terraform output `dns_name_servers`. */
  public readonly nameServersOutput: TerraformOutput;

  constructor(scope: Construct, id: string, props: PublicHostedZoneProps) {
    super(scope, id);
    this.zoneName = props.zoneName;
    if (typeof this.zoneName !== 'string' || !DNS_NAME.test(this.zoneName)) {
      throw new PavedValidationError(this, `'zoneName' must be a DNS name of two labels or more in lower case, such as 'dev.acme.example' (got ${JSON.stringify(this.zoneName)}).`);
    }
    this.resource = new Route53Zone(this, 'Resource', {
      name: this.zoneName,
      comment: `Public hosts of ${this.zoneName}, managed by paved`,
      forceDestroy: false,
    });
    this.zoneId = this.resource.zoneId;
    this.nameServersOutput = new TerraformOutput(this, 'NameServers', {
      value: this.resource.nameServers,
      description: `Delegate ${this.zoneName} to these name servers in its parent zone (NS record) or at the registrar.`,
    });
    this.nameServersOutput.overrideLogicalId('dns_name_servers');
  }
}

/** A DNS name of two labels or more, each 1-63 lower-case letters, digits and inner hyphens. */
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
