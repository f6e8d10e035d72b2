import { awsTags } from '../../../platform/tagging';
import { PlatformRule } from '../../rule';

export const ownershipTags: PlatformRule = {
  id: 'PAVED-PLT-TAG-001',
  pack: 'platform',
  level: 'error',
  target: 'platform',
  title: 'Every stack tags all its resources with platform, environment, team, service, golden path and managed-by.',
  rationale: 'Tags answer "whose is this and what does it cost" for every resource in the account.',
  fix: "Create stacks through platform.placement(); keep the provider's default_tags when overriding it.",
  check: ({ stacks }) => stacks.flatMap((stack) => Object.entries(awsTags(stack.ownership))
    .filter(([key, value]) => stack.defaultTags[key] !== value)
    .map(([key, value]) => ({
      subject: stack.subject,
      message: `default tag ${key} is ${JSON.stringify(stack.defaultTags[key] ?? 'missing')}, expected ${JSON.stringify(value)}`,
    }))),
};
