import type { Rule } from '../rule';
import { yamlSyntax } from './yaml-syntax';

/** Rules about the YAML document itself. */
export const DOCUMENT_RULES: Rule[] = [yamlSyntax];
