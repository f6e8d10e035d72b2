import { KUBERNETES_CASES } from './kubernetes-cases';
import { testRuleCases } from './rule-case';

describe('the kubernetes rules on real constructs', () => testRuleCases(KUBERNETES_CASES));
