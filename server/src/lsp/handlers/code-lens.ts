// Placeholder: implemented by the feature's owner in this change.
import type { Feature } from '../context';

export const codeLens: Feature = {
  capabilities: {},
  register() {
    /* not yet registered */
  },
};
