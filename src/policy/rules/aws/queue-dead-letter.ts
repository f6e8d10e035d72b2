import { TerraformRule } from '../../rule';

export const queueDeadLetter: TerraformRule = {
  id: 'PAVED-AWS-SQS-002',
  pack: 'aws',
  level: 'warning',
  target: 'terraform',
  resourceTypes: ['aws_sqs_queue'],
  title: 'Queues send messages that keep failing to a dead-letter queue.',
  rationale: 'Without a redrive, a poison message is retried until it expires and blocks or loses work silently.',
  fix: 'Use the Queue construct (it makes a dead-letter queue), or set redrive_policy.',
  check: (queue) => {
    const isDeadLetterQueue = queue.config.redrive_allow_policy !== undefined
      || queue.related('aws_sqs_queue_redrive_allow_policy', 'queue_url').length > 0
      || queue.stack.resourcesOfType('aws_sqs_queue').some((other) => other !== queue && String(other.config.redrive_policy ?? '').includes(`\${${queue.address}.arn}`));
    return queue.config.redrive_policy || isDeadLetterQueue ? undefined : 'no redrive_policy';
  },
};
