// ascp/previewMounts: the files every workload of a file sees, and the files of every class in it.
import type { Feature } from '../context';
import { workloadLabel } from '../../core/analyze';
import {
  PreviewMountsRequest,
  type PreviewMountsParams,
  type PreviewMountsResult,
} from '../../shared/protocol';

export const previewMounts: Feature = {
  capabilities: {},
  register(ctx) {
    ctx.connection.onRequest(
      PreviewMountsRequest,
      (params: PreviewMountsParams, token): PreviewMountsResult => {
        const uri = typeof params?.uri === 'string' ? params.uri : '';
        const empty: PreviewMountsResult = { uri, mounts: [], classes: [] };
        if (!uri) return empty;
        return ctx.safe('previewMounts', empty, token, () => {
          const a = ctx.analysis(params.uri);
          if (!a) return empty;
          const view = ctx.project.view();
          const placed = ctx.placed(params.uri);
          return {
            uri: params.uri,
            mounts: a.mounts.map((m) => ({
              workload: m.workload,
              namespace: m.namespace ?? null,
              container: m.container,
              volume: m.volume,
              className: m.className,
              file: m.file,
              path: m.path,
              permission: m.permission,
            })),
            classes: placed
              .filter((d) => d.model.class?.isAws)
              .map((d) => {
                const cls = d.model.class;
                const name = cls?.name ?? '';
                const seen = new Set<string>();
                return {
                  name,
                  namespace: cls?.namespace ?? null,
                  files: d.files
                    .filter((f) => !seen.has(f.name) && seen.add(f.name))
                    .map((f) => ({ name: f.name, permission: f.permission, from: f.source })),
                  mountedBy: view.workloads
                    .filter((w) => w.workload.volumes.some((v) => v.secretProviderClass?.value === name))
                    .map((w) => workloadLabel(w.workload)),
                };
              }),
          };
        });
      },
    );
  },
};
