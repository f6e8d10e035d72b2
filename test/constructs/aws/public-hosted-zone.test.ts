import { PublicHostedZone } from '../../../constructs';
import { errorOf, onlyResource, renderStack, testPlatform } from '../../util';

describe('PublicHostedZone', () => {
  const stack = testPlatform().placement('platform', 'dev').stack;
  const zone = new PublicHostedZone(stack, 'DnsZone', { zoneName: 'dev.acme.example' });
  const json = renderStack(stack);

  test('is a public zone of that name, kept on destroy while it holds records', () => {
    expect(zone.zoneName).toBe('dev.acme.example');
    expect(onlyResource(json, 'aws_route53_zone')).toMatchObject({
      name: 'dev.acme.example',
      comment: 'Public hosts of dev.acme.example, managed by paved',
      force_destroy: false,
    });
  });

  test('gives its name servers as the output dns_name_servers, for the delegation', () => {
    expect(json.output.dns_name_servers).toEqual({
      value: '${aws_route53_zone.DnsZone_5A00774F.name_servers}',
      description: 'Delegate dev.acme.example to these name servers in its parent zone (NS record) or at the registrar.',
    });
  });

  test('fails when the name is not a DNS name', () => {
    const other = testPlatform().placement('platform', 'dev').stack;
    expect(errorOf(() => new PublicHostedZone(other, 'DnsZone', { zoneName: 'Dev.Acme' })))
      .toContain("'zoneName' must be a DNS name of two labels or more in lower case, such as 'dev.acme.example' (got \"Dev.Acme\").");
  });
});
