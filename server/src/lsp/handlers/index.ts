// Every LSP feature the server offers. Each module owns its handlers and its capabilities.
import type { Feature } from '../context';
import { codeActions } from './code-actions';
import { codeLens } from './code-lens';
import { completion } from './completion';
import { hover } from './hover';
import { inlayHints } from './inlay-hints';
import { mountsTreeFeature } from './mounts-tree';
import { navigation } from './navigation';
import { previewMounts } from './preview-mounts';
import { symbols } from './symbols';

export const FEATURES: Feature[] = [
  previewMounts,
  mountsTreeFeature,
  hover,
  completion,
  codeLens,
  inlayHints,
  symbols,
  navigation,
  codeActions,
];
