import { AWS_PACK } from './aws-pack';
import { CLOSURE_PACK } from './closure-pack';
import { KUBERNETES_PACK } from './kubernetes-pack';
import { PLATFORM_PACK } from './platform-pack';
import { Rule } from '../rule';

/** Every built-in guardrail, pack by pack: `AWS_PACK`, `KUBERNETES_PACK`, `PLATFORM_PACK` and `CLOSURE_PACK`. */
export const ALL_RULES: readonly Rule[] = [AWS_PACK, KUBERNETES_PACK, PLATFORM_PACK, CLOSURE_PACK].flat();
