// The browser's client for the trash routes (server/api/trashRoutes.ts), typed from lib/contracts/trash.
import { request } from "./api";
import type { PurgeResponse, RestoreResponse, TrashEntryResponse, TrashListResponse } from "./contracts/trash";

const enc = encodeURIComponent;

export const trashApi = {
  list: () => request<TrashListResponse>("GET", "/api/trash").then((r) => r.documents),
  /** What a member may know of a trashed document (its link's page); 404 when it is not in the trash. */
  entry: (id: string) => request<TrashEntryResponse>("GET", `/api/trash/${enc(id)}`),
  restore: (id: string) => request<RestoreResponse>("POST", `/api/trash/${enc(id)}/restore`),
  deleteForever: (id: string) => request<void>("DELETE", `/api/trash/${enc(id)}`),
  purgeAll: () => request<PurgeResponse>("DELETE", "/api/admin/trash"),
};
