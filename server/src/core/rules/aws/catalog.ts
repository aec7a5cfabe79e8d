// An in-memory CatalogListing over a list of names (and ARNs), and a CatalogLookup over fixed facts
// (rule examples, tests). The server builds its listings from what AWS answered with the same helper.
import type { CatalogListing, CatalogLookup, ExampleCatalog, ObjectKind } from '../rule';

export interface ListedObject {
  name: string;
  arn?: string | undefined;
}

export function memoryListing(
  region: string,
  account: string | undefined,
  objects: Iterable<ListedObject>,
): CatalogListing {
  const byName = new Map<string, string | undefined>();
  const arns = new Set<string>();
  for (const o of objects) {
    byName.set(o.name, o.arn);
    if (o.arn) arns.add(o.arn);
  }
  let sorted: string[] | undefined;
  return {
    region,
    account,
    has: (name) => byName.has(name),
    hasArn: (arn) => arns.has(arn),
    arnOf: (name) => byName.get(name),
    names: () => (sorted ??= [...byName.keys()].sort()),
  };
}

/** A lookup that knows one region's complete listing (examples and tests). */
export function staticCatalog(facts: ExampleCatalog): CatalogLookup {
  const listings = new Map<ObjectKind, CatalogListing>();
  for (const kind of ['secretsmanager', 'ssmparameter'] as const) {
    const names = facts[kind];
    if (names)
      listings.set(
        kind,
        memoryListing(
          facts.region,
          facts.account,
          names.map((name) => ({ name })),
        ),
      );
  }
  return {
    listing: (kind, region) =>
      region === undefined || region === facts.region ? listings.get(kind) : undefined,
  };
}
