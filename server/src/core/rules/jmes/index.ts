import type { Rule } from '../rule';
import { jmespathConstant } from './jmespath-constant';
import { jmespathCrash } from './jmespath-crash';
import { jmespathEvalError } from './jmespath-eval-error';
import { jmespathNeverString } from './jmespath-never-string';
import { jmespathNoValue } from './jmespath-no-value';
import { jmespathNonNumericComparison } from './jmespath-non-numeric-comparison';
import { jmespathNotString } from './jmespath-not-string';
import { jmespathOrderDependent } from './jmespath-order-dependent';
import { jmespathSyntax } from './jmespath-syntax';
import { jmespathUnchecked } from './jmespath-unchecked';
import { secretNotJson } from './secret-not-json';

/**
 * jmesPath rules in the order of provider/secret_value.go: the value must be JSON, the path must
 * compile and evaluate, the result must not be nil, and it must be a string; then what ASCP accepts
 * but nobody means (a constant, a comparison that is never true, a result that depends on map order).
 */
export const JMES_RULES: Rule[] = [
  secretNotJson,
  jmespathSyntax,
  jmespathCrash,
  jmespathEvalError,
  jmespathNoValue,
  jmespathNeverString,
  jmespathNotString,
  jmespathConstant,
  jmespathNonNumericComparison,
  jmespathOrderDependent,
  jmespathUnchecked,
];
