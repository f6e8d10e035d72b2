import { PLATFORM_CASES } from './platform-cases';
import { testRuleCases } from './rule-case';

describe('the platform rules on real constructs', () => testRuleCases(PLATFORM_CASES));
