import type { Rule } from '../rule';
import { duplicateKey } from './duplicate-key';
import { objectsExtraDocument } from './objects-extra-document';
import { objectsShape } from './objects-shape';
import { objectsSyntax } from './objects-syntax';
import { unknownKey } from './unknown-key';
import { yaml11Coercion } from './yaml11-coercion';

/** Rules about decoding the `objects` string itself (provider/secret_descriptor.go:386-391). */
export const OBJECTS_RULES: Rule[] = [
  objectsSyntax,
  objectsShape,
  objectsExtraDocument,
  unknownKey,
  duplicateKey,
  yaml11Coercion,
];
