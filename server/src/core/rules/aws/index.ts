import type { Rule } from '../rule';
import { objectNotFound } from './object-not-found';

/**
 * Rules that read what AWS holds (AnalyzeOptions.catalog): they run where ASCP fetches, after the
 * entries validated and before jmesPath.
 */
export const AWS_RULES: Rule[] = [objectNotFound];
