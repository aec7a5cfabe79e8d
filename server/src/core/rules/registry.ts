// Every rule, in the order ASCP (and before it the API server and the driver) would hit the problem.
import { AWS_RULES } from './aws/index';
import { DOCUMENT_RULES } from './document/index';
import { ENTRY_RULES } from './entry/index';
import { JMES_RULES } from './jmes/index';
import { OBJECTS_RULES } from './objects/index';
import { PARAM_RULES } from './params/index';
import { POD_RULES } from './pod/index';
import type { Rule } from './rule';

export const ALL_RULES: Rule[] = [
  ...DOCUMENT_RULES,
  ...PARAM_RULES,
  ...OBJECTS_RULES,
  ...ENTRY_RULES,
  ...AWS_RULES,
  ...JMES_RULES,
  ...POD_RULES,
];

export function ruleByCode(code: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.code === code);
}
