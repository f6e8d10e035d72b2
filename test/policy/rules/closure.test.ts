import { CLOSURE_CASES } from './closure-cases';
import { testRuleCases } from './rule-case';

describe('the closure rules on real constructs', () => testRuleCases(CLOSURE_CASES));
