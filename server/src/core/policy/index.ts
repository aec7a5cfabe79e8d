// IAM policy synthesis: the least-privilege policy for the role ASCP reads a workload's secrets with.
export {
  PLACEHOLDERS,
  partitionOfRegion,
  parameterArnForName,
  secretArnForName,
  secretArnResource,
  isKmsKeyArn,
} from './arn';
export {
  policyForClasses,
  STATEMENTS,
  type ClassUse,
  type PolicyDocument,
  type PolicyGrant,
  type PolicyOptions,
  type PolicyResult,
  type PolicyService,
  type PolicyStatement,
} from './policy';
export {
  classUses,
  matchesWorkload,
  policyForFiles,
  policyForWorkloads,
  workloadClasses,
  type PolicyFile,
  type WorkloadClasses,
} from './workload';
