/** Writes RULES.md from the rule packs (`npx projen rules`). */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { ALL_RULES, renderRulesMarkdown } from '../src';

writeFileSync(join(__dirname, '..', 'RULES.md'), renderRulesMarkdown(ALL_RULES));
