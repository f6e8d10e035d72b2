import { DEFAULT_PACKS, TerraformRule } from '../../src';

// The rule and packs of the README ("Your own rules and packs"), as written there.

/** acme's consumers may be down over a long weekend: queues keep messages for a week. */
export const queueRetention: TerraformRule = {
  id: 'ACME-SQS-001',
  pack: 'acme',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_sqs_queue'],
  title: 'Queues keep messages for at least 7 days.',
  rationale: 'A consumer that is down over a long weekend must not lose messages.',
  fix: "Set the Queue's 'messageRetentionDays' to 7 or more.",
  check: (queue) => {
    const seconds = Number(queue.config.message_retention_seconds ?? 345_600);
    return seconds >= 7 * 86_400 ? undefined : `messages are kept ${seconds / 86_400} days`;
  },
};

export const ACME_PACK = [queueRetention];

export const packs = [...DEFAULT_PACKS, ACME_PACK];
