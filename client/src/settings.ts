// The settings the client hands the server (initializationOptions.settings, workspace/configuration
// answers and didChangeConfiguration). AWS is forced off in an untrusted workspace (Restricted Mode).
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, type AscpSettings } from '../../server/src/shared/protocol';

export const SECTION = 'ascp';

export interface AwsSettings {
  /** false in an untrusted workspace whatever the user setting says */
  enabled: boolean;
  profile: string;
  region: string;
  checkValues: boolean;
}

export type ClientSettings = AscpSettings & { aws: AwsSettings };

/** The settings restricted in an untrusted workspace (package.json capabilities.untrustedWorkspaces). */
export const AWS_SETTING_KEYS = ['aws.enabled', 'aws.profile', 'aws.region', 'aws.checkValues'] as const;

export function awsAllowed(): boolean {
  return vscode.workspace.isTrusted;
}

/** The effective `ascp` section for one scope (or the window), AWS patched for trust. */
export function effectiveSettings(scope?: vscode.ConfigurationScope): ClientSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    rules: { ...(c.get<AscpSettings['rules']>('rules') ?? DEFAULT_SETTINGS.rules) },
    indexWorkspace: c.get<boolean>('indexWorkspace', DEFAULT_SETTINGS.indexWorkspace),
    inlayHints: c.get<boolean>('inlayHints', DEFAULT_SETTINGS.inlayHints),
    codeLens: c.get<boolean>('codeLens', DEFAULT_SETTINGS.codeLens),
    secretsFile: c.get<string>('secretsFile', DEFAULT_SETTINGS.secretsFile),
    aws: {
      enabled: awsAllowed() && c.get<boolean>('aws.enabled', true),
      profile: c.get<string>('aws.profile', ''),
      region: c.get<string>('aws.region', ''),
      checkValues: awsAllowed() && c.get<boolean>('aws.checkValues', false),
    },
  };
}

/**
 * Patches one workspace/configuration answer: whatever part of the `ascp` section the server asked
 * for, AWS stays off in an untrusted workspace.
 */
export function patchConfigurationItem(section: string | undefined, value: unknown): unknown {
  if (awsAllowed() || value === null || typeof value !== 'object') return value;
  if (section === SECTION) {
    const v = value as { aws?: Record<string, unknown> };
    return { ...v, aws: { ...(v.aws ?? {}), enabled: false, checkValues: false } };
  }
  if (section === `${SECTION}.aws`) return { ...(value as object), enabled: false, checkValues: false };
  return value;
}

export function patchScalar(section: string | undefined, value: unknown): unknown {
  if (awsAllowed()) return value;
  if (section === `${SECTION}.aws.enabled` || section === `${SECTION}.aws.checkValues`) return false;
  return value;
}
