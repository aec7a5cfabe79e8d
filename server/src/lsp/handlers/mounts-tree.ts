// ascp/mountsTree: the mounts of a file as a tree with source locations (service/mounts-tree.ts).
import type { Feature, ServerContext } from '../context';
import { mountsTree, type Where } from '../../service/mounts-tree';
import {
  MountsTreeRequest,
  type MountsTreeParams,
  type MountsTreeResult,
  type SourceLocation,
} from '../../shared/protocol';

function toLocation(ctx: ServerContext, w: Where): SourceLocation {
  return { uri: w.fileId, range: ctx.toRange(w.fileId, w.span) };
}

export const mountsTreeFeature: Feature = {
  capabilities: {},
  register(ctx) {
    ctx.connection.onRequest(MountsTreeRequest, (params: MountsTreeParams, token): MountsTreeResult => {
      const uri = typeof params?.uri === 'string' ? params.uri : '';
      const empty: MountsTreeResult = { uri, workloads: [], classes: [], mountedFiles: 0 };
      if (!uri || !ctx.project.has(uri)) return empty;
      return ctx.safe('mountsTree', empty, token, () => {
        const t = mountsTree(uri, ctx.placed(uri), ctx.project.view());
        const loc = (w: Where) => toLocation(ctx, w);
        return {
          uri,
          mountedFiles: t.mountedFiles,
          classes: t.classes.map((c) => ({
            name: c.name,
            namespace: c.namespace ?? null,
            location: loc(c.where),
            files: c.files,
          })),
          workloads: t.workloads.map((w) => ({
            label: w.label,
            kind: w.kind,
            name: w.name,
            namespace: w.namespace ?? null,
            inFile: w.inFile,
            location: loc(w.where),
            containers: w.containers.map((c) => ({
              name: c.name,
              init: c.init,
              location: loc(c.where),
              mounts: c.mounts.map((m) => ({
                mountPath: m.mountPath,
                volume: m.volume,
                className: m.className,
                subPath: m.subPath ?? null,
                location: loc(m.where),
                classLocation: loc(m.classWhere),
                classInFile: m.classInFile,
                files: m.files.map((f) => ({
                  name: f.name,
                  path: f.path,
                  permission: f.permission,
                  kind: f.kind,
                  objectName: f.objectName,
                  objectType: f.objectType ?? null,
                  objectAlias: f.objectAlias ?? null,
                  jmesPath: f.jmesPath ?? null,
                  location: loc(f.where),
                })),
              })),
            })),
          })),
        };
      });
    });
  },
};
