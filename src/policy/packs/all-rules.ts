import { DEFAULT_PACKS } from './default-packs';
import { Rule } from '../rule';

/** Every built-in guardrail, pack by pack (the rules of `DEFAULT_PACKS`). */
export const ALL_RULES: readonly Rule[] = DEFAULT_PACKS.flat();
