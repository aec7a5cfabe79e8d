// Reads profile names (and their regions) from the AWS shared config and credentials files, as the
// AWS CLI and SDKs name them: `[profile NAME]` (or `[default]`) in ~/.aws/config, `[NAME]` in
// ~/.aws/credentials. Only names and regions are read; no key or token leaves this module.
// Pure: the caller passes the files' text.

export interface AwsProfile {
  name: string;
  region?: string;
  /** where the profile was found */
  sources: ('config' | 'credentials')[];
}

const SECTION = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/;
const REGION = /^\s*region\s*=\s*([A-Za-z0-9-]+)\s*(?:[#;].*)?$/;

function sections(text: string, kind: 'config' | 'credentials'): { name: string; region?: string }[] {
  const out: { name: string; region?: string }[] = [];
  let current: { name: string; region?: string } | undefined;
  for (const line of text.split(/\r?\n/)) {
    const s = SECTION.exec(line);
    if (s?.[1]) {
      const raw = s[1];
      let name: string | undefined;
      if (kind === 'credentials') name = raw;
      else if (raw === 'default') name = 'default';
      else if (raw.startsWith('profile ')) name = raw.slice('profile '.length).trim();
      // [sso-session x] and [services x] are not profiles
      current = name ? { name } : undefined;
      if (current) out.push(current);
      continue;
    }
    const r = REGION.exec(line);
    if (r?.[1] && current && !current.region) current.region = r[1];
  }
  return out;
}

/** Profiles from both files, config first, each name once, in file order. */
export function parseAwsProfiles(
  configText: string | undefined,
  credentialsText: string | undefined,
): AwsProfile[] {
  const byName = new Map<string, AwsProfile>();
  const add = (text: string | undefined, kind: 'config' | 'credentials') => {
    if (!text) return;
    for (const s of sections(text, kind)) {
      const p = byName.get(s.name) ?? { name: s.name, sources: [] };
      if (!p.region && s.region) p.region = s.region;
      if (!p.sources.includes(kind)) p.sources.push(kind);
      byName.set(s.name, p);
    }
  };
  add(configText, 'config');
  add(credentialsText, 'credentials');
  return [...byName.values()];
}

/** Where the AWS CLI looks, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
export function awsConfigPaths(
  env: Record<string, string | undefined>,
  home: string,
): { config: string; credentials: string } {
  return {
    config: env.AWS_CONFIG_FILE || `${home}/.aws/config`,
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || `${home}/.aws/credentials`,
  };
}

/** Regions offered by the region picker (commercial, GovCloud and China partitions). */
export const AWS_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'mx-central-1',
  'me-south-1',
  'me-central-1',
  'sa-east-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'cn-north-1',
  'cn-northwest-1',
];
