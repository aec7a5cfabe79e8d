import { fileNameFor, type MountedFile, type Translation } from '../../mounts';
import type { Rule } from '../rule';
import { q, spc } from '../rule';
import { didYouMean, fileNames, filesKnown, listNames, scalarText, templated } from './util';

interface Suggestion {
  name: string;
  why: string;
  /** certain enough for "fix all" */
  sure: boolean;
}

/** What the user most likely meant by an objectName that is not a mounted file. */
function suggest(
  name: string,
  files: MountedFile[],
  t: Translation,
  mounted: string[],
): Suggestion | undefined {
  for (const f of files) {
    if (f.source === name && f.name !== name) {
      return {
        name: f.name,
        why: `ASCP writes ${q(name)} as the file ${q(f.name)} (every ${q('/')} is translated)`,
        sure: true,
      };
    }
  }
  for (const f of files) {
    if (f.kind === 'object' && f.entry.objectName?.value === name) {
      return {
        name: f.name,
        why: `that object is mounted under its objectAlias, as ${q(f.name)}`,
        sure: true,
      };
    }
  }
  for (const f of files) {
    if (f.jmes?.path?.value === name) {
      return {
        name: f.name,
        why: `${q(name)} is a jmesPath ${q('path')}; its file is named after the objectAlias, ${q(f.name)}`,
        sure: true,
      };
    }
  }
  const translated = fileNameFor(name, t);
  if (translated !== name && mounted.includes(translated)) {
    return {
      name: translated,
      why: `ASCP translates ${q('/')} in file names, so the file is ${q(translated)}`,
      sure: true,
    };
  }
  const close = didYouMean(name, mounted);
  return close ? { name: close, why: `did you mean ${q(close)}?`, sure: false } : undefined;
}

const OBJECTS = `- objectName: "/test/parameter"
  objectType: "ssmparameter"
- objectName: "test/secret"
  objectType: "secretsmanager"
  jmesPath:
    - path: username
      objectAlias: db-user`;

export const secretObjectNameNotMounted: Rule = {
  meta: {
    code: 'secret-object-name-not-mounted',
    severity: 'error',
    title: '`secretObjects[].data[].objectName` must be the name of a mounted file',
    ascp: 'The sync does not look objects up in AWS: it reads the files the mount wrote, keyed by their path relative to the mount, and matches `data[].objectName` (trimmed) exactly against those names. The file name is the objectAlias (or jmesPath objectAlias) if set, else the objectName, with every `/` translated to `_` by default — so `/test/parameter` is the file `_test_parameter`, and an entry with an alias is only reachable by its alias. Any other name fails the sync with `failed to get data in spc <ns>/<class> for secret <secret>, err: file matching objectName <name> not found in the pod`, and the Kubernetes Secret is never created.',
    predicts: 'file matching objectName <name> not found in the pod',
    fix: 'Use the mounted file name (the message lists them), e.g. `_test_parameter` for objectName `/test/parameter`, or the objectAlias.',
    source:
      'driver: pkg/util/secretutil/secret.go:187-202; pkg/util/fileutil/filesystem.go:36-111; provider/secret_descriptor.go:118-132',
    examples: {
      trigger: spc(
        OBJECTS,
        {},
        `  secretObjects:
    - secretName: app-config
      type: Opaque
      data:
        - objectName: /test/parameter
          key: parameter
        - objectName: db-user
          key: username
`,
      ),
      nearMiss: spc(
        OBJECTS,
        {},
        `  secretObjects:
    - secretName: app-config
      type: Opaque
      data:
        - objectName: _test_parameter
          key: parameter
        - objectName: db-user
          key: username
`,
      ),
    },
  },
  checkClass(ctx) {
    if (ctx.cls.secretObjects.length === 0 || !filesKnown(ctx.cls, ctx.translation)) return;
    // The sync skips top-level entries starting with ".." (the atomic writer's reserved names).
    const mounted = fileNames(ctx.files).filter((n) => !n.split('/')[0]?.startsWith('..'));
    for (const so of ctx.cls.secretObjects) {
      for (const d of so.data) {
        const on = d.objectName;
        if (!on || on.kind === 'map' || on.kind === 'seq' || templated(ctx.doc, on.span)) continue;
        const name = on.value.trim();
        if (name === '' || mounted.includes(name)) continue;
        const s = suggest(name, ctx.files, ctx.translation, mounted);
        const secret = so.secretName?.value.trim() || '<secretName>';
        ctx.report({
          span: on.span,
          message: `No mounted file is named ${q(name)}${s ? `: ${s.why}` : ''}. The sync matches ${q('objectName')} against the files in the mount and fails with \`file matching objectName ${name} not found in the pod\`, so Secret ${q(secret)} is not created. Mounted files: ${listNames(mounted)}.`,
          fixes: s
            ? [
                {
                  title: `Use ${s.name}`,
                  edits: [{ span: on.span, newText: scalarText(ctx.doc, on, s.name) }],
                  safeForFixAll: s.sure,
                },
              ]
            : [],
        });
      }
    }
  },
};
