import { deniesInsecureTransport } from './denies-insecure-transport';
import { TerraformRule } from '../../rule';

export const queueTlsOnly: TerraformRule = {
  id: 'PAVED-AWS-SQS-003',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_sqs_queue'],
  title: 'Queue policies deny requests that do not use TLS.',
  rationale: 'Without the deny, a client can send or receive messages over plain HTTP.',
  fix: 'Use the Queue construct, or add an aws_sqs_queue_policy denying sqs:* when aws:SecureTransport is false.',
  check: (queue) => (queue.related('aws_sqs_queue_policy', 'queue_url').some((p) => deniesInsecureTransport(p))
    ? undefined
    : 'no queue policy denies requests without TLS (aws:SecureTransport = false)'),
};
