import { Rule } from '../rule';
import { AWS_PACK } from './aws-pack';
import { KUBERNETES_PACK } from './kubernetes-pack';
import { PLATFORM_PACK } from './platform-pack';

/** Every guardrail, pack by pack. */
export const ALL_RULES: readonly Rule[] = [...AWS_PACK, ...KUBERNETES_PACK, ...PLATFORM_PACK];
