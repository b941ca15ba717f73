// A resource page that follows the resource and its running operation: both are reloaded every
// second while busy says so. A resource deleted while shown stays on screen (gone), and
// following stops.
import { ApiError } from "../api/client";
import { api } from "../api/endpoints";
import type { Operation } from "../api/types";
import { useAsync, usePoll } from "../ui/hooks";

export function useFollowed<R extends { operationId?: string | undefined; status: string }>(load: () => Promise<R>, deps: unknown[], busy: (r: R, op: Operation | undefined) => boolean) {
  const res = useAsync(load, deps);
  const r = res.data;
  const gone = res.error instanceof ApiError && res.error.status === 404;
  const op = useAsync(() => (r?.operationId ? api.getOperation(r.operationId).then((x) => x.data.operation) : Promise.resolve(undefined)), [r?.operationId, r?.status]);
  usePoll(
    () => {
      res.reload();
      op.reload();
    },
    1000,
    !!r && !gone && busy(r, op.data),
  );
  return { res, gone, op };
}
