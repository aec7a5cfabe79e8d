import type { Rule } from '../rule';
import { classNotFound } from './class-not-found';
import { csiDriverName } from './csi-driver-name';
import { csiReadOnly } from './csi-read-only';
import { secretObjectFieldMissing } from './secret-object-field-missing';
import { secretObjectInvalidName } from './secret-object-invalid-name';
import { secretObjectNameNotMounted } from './secret-object-name-not-mounted';
import { secretObjectNotString } from './secret-object-not-string';
import { secretObjectTlsKey } from './secret-object-tls-key';
import { secretObjectTypeKeys } from './secret-object-type-keys';
import { secretObjectsUnmounted } from './secret-objects-unmounted';
import { secretProviderClassMissing } from './secret-provider-class-missing';
import { subpathNotMounted } from './subpath-not-mounted';
import { volumeAttributeNotString } from './volume-attribute-not-string';
import { volumeMountUnknown } from './volume-mount-unknown';
import { volumeNotMounted } from './volume-not-mounted';

/**
 * Rules about the pod side: CSI volumes, volume mounts, class references and secretObjects, in the
 * order a problem surfaces: API server (apply), kubelet, the driver's NodePublishVolume, the container's
 * mounts, then the driver's Secret sync after a successful mount.
 */
export const POD_RULES: Rule[] = [
  volumeAttributeNotString,
  volumeMountUnknown,
  secretObjectNotString,
  volumeNotMounted,
  csiDriverName,
  secretProviderClassMissing,
  classNotFound,
  csiReadOnly,
  subpathNotMounted,
  secretObjectsUnmounted,
  secretObjectFieldMissing,
  secretObjectNameNotMounted,
  secretObjectTlsKey,
  secretObjectTypeKeys,
  secretObjectInvalidName,
];
