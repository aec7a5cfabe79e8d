import type { Rule } from '../rule';
import { jmespathCrash } from './jmespath-crash';
import { jmespathNoValue } from './jmespath-no-value';
import { jmespathNotString } from './jmespath-not-string';
import { jmespathOrderDependent } from './jmespath-order-dependent';
import { secretNotJson } from './secret-not-json';
import { jmespathNeverString } from './jmespath-never-string';
import { jmespathSyntax } from './jmespath-syntax';

/**
 * jmesPath rules in the order of provider/secret_value.go: the value must be JSON, the path must
 * compile, the result must not be nil, and it must be a string.
 */
export const JMES_RULES: Rule[] = [
  secretNotJson,
  jmespathSyntax,
  jmespathCrash,
  jmespathNoValue,
  jmespathNeverString,
  jmespathNotString,
  jmespathOrderDependent,
];
