import { Rule } from '../rule';
import { AWS_PACK } from './aws-pack';
import { CLOSURE_PACK } from './closure-pack';
import { KUBERNETES_PACK } from './kubernetes-pack';
import { PLATFORM_PACK } from './platform-pack';

/**
 * The rule packs synth and check run when they are given none: `AWS_PACK`, `KUBERNETES_PACK`,
 * `PLATFORM_PACK` and `CLOSURE_PACK`. Pass `packs: [...DEFAULT_PACKS, myPack]` to add a pack, or a list
 * without one of them to replace it.
 */
export const DEFAULT_PACKS: readonly (readonly Rule[])[] = [AWS_PACK, KUBERNETES_PACK, PLATFORM_PACK, CLOSURE_PACK];
