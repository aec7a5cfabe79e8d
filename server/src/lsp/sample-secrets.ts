// `ascp/sampleSecrets`: the skeleton of a sample secrets file for one workspace folder, computed from the
// classes the server knows there (open documents and, with ascp.indexWorkspace, the folder's YAML
// files). The client writes it; the answer says where (the folder's ascp.secretsFile, when usable).
import { relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import type { Project } from '../service/project';
import { sampleSecrets } from '../service/sample-secrets';
import { SampleSecretsRequest, type SampleSecretsParams, type SampleSecretsResult } from '../shared/protocol';
import type { SecretsFiles } from './secrets-file';

function inFolder(uri: string, folder: string): boolean {
  if (!uri.startsWith('file:')) return true; // an untitled buffer belongs to whichever folder is sampled
  try {
    const r = relative(fileURLToPath(folder), fileURLToPath(uri));
    return r === '' || (!r.startsWith('..') && !isAbsolute(r));
  } catch {
    return false;
  }
}

export function registerSampleSecrets(
  connection: Connection,
  deps: { project: Project; secrets: SecretsFiles; ready(): Promise<void>; log(message: string): void },
): void {
  connection.onRequest(
    SampleSecretsRequest,
    async (params: SampleSecretsParams | undefined): Promise<SampleSecretsResult> => {
      await deps.ready();
      const uri = typeof params?.uri === 'string' ? params.uri : undefined;
      const folder = deps.secrets.folderFor(uri);
      const classes = deps.project
        .view()
        .classes.filter((c) => folder === undefined || inFolder(c.fileId, folder))
        .map((c) => c.cls);
      const s = sampleSecrets(classes);
      const where = folder !== undefined ? await deps.secrets.target(folder) : {};
      deps.log(
        `sample secrets: ${s.objects} object${s.objects === 1 ? '' : 's'}, ${s.skipped.length} path${s.skipped.length === 1 ? '' : 's'} left out`,
      );
      const out: SampleSecretsResult = {
        content: JSON.stringify(s.value, null, 2) + '\n',
        objects: s.objects,
        skipped: s.skipped,
        ...where,
      };
      if (folder !== undefined) out.folder = folder;
      return out;
    },
  );
}
