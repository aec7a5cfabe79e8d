import type { Rule } from '../rule';
import { aliasQuotes } from './alias-quotes';
import { arnInvalid } from './arn-invalid';
import { arnRegionMismatch } from './arn-region-mismatch';
import { arnServiceInvalid } from './arn-service-invalid';
import { duplicateAlias } from './duplicate-alias';
import { duplicateObjectName } from './duplicate-object-name';
import { emptyEntry } from './empty-entry';
import { failoverAliasMissing } from './failover-alias-missing';
import { failoverRegionMissing } from './failover-region-missing';
import { failoverVersionMismatch } from './failover-version-mismatch';
import { fileNameCollision } from './file-name-collision';
import { filePermissionInvalid } from './file-permission-invalid';
import { jmesAliasMissing } from './jmes-alias-missing';
import { jmesPathMissing } from './jmes-path-missing';
import { objectNameMissing } from './object-name-missing';
import { objectTypeArnMismatch } from './object-type-arn-mismatch';
import { objectTypeInvalid } from './object-type-invalid';
import { objectTypeMissing } from './object-type-missing';
import { pathTraversal } from './path-traversal';
import { secretsmanagerVersionAndLabel } from './secretsmanager-version-and-label';
import { slashInFileName } from './slash-in-file-name';
import { ssmVersionAndLabel } from './ssm-version-and-label';

/**
 * Per-entry rules in the order of validateSecretDescriptor / validateObjectName, then the cross-entry
 * checks of NewSecretDescriptorList, then what ASCP silently accepts but nobody wants.
 */
export const ENTRY_RULES: Rule[] = [
  emptyEntry,
  objectNameMissing,
  arnInvalid,
  arnRegionMismatch,
  objectTypeMissing,
  arnServiceInvalid,
  objectTypeInvalid,
  objectTypeArnMismatch,
  ssmVersionAndLabel,
  pathTraversal,
  filePermissionInvalid,
  jmesPathMissing,
  jmesAliasMissing,
  failoverAliasMissing,
  failoverRegionMissing,
  failoverVersionMismatch,
  duplicateObjectName,
  duplicateAlias,
  slashInFileName,
  fileNameCollision,
  aliasQuotes,
  secretsmanagerVersionAndLabel,
];
