import type { Rule } from '../rule';
import { apiVersionDeprecated } from './api-version-deprecated';
import { failoverRegionSame } from './failover-region-same';
import { objectsMissing } from './objects-missing';
import { objectsNotString } from './objects-not-string';
import { parameterNotString } from './parameter-not-string';
import { parametersMissing } from './parameters-missing';
import { pathTranslationInvalid } from './path-translation-invalid';
import { preferredAddressType } from './preferred-address-type';
import { providerMissing } from './provider-missing';
import { providerName } from './provider-name';
import { regionMissing } from './region-missing';
import { unknownParameter } from './unknown-parameter';
import { usePodIdentityInvalid } from './use-pod-identity-invalid';

/**
 * Rules about the class itself and its `spec.parameters`, in the order a mount hits them: the API
 * server, the driver, then ASCP's server.go (regions, usePodIdentity, pathTranslation).
 */
export const PARAM_RULES: Rule[] = [
  apiVersionDeprecated,
  parameterNotString,
  objectsNotString,
  providerMissing,
  providerName,
  parametersMissing,
  unknownParameter,
  regionMissing,
  failoverRegionSame,
  usePodIdentityInvalid,
  preferredAddressType,
  pathTranslationInvalid,
  objectsMissing,
];
