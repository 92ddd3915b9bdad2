// The browser's client for the People page (server/api/peopleRoutes.ts), typed from lib/contracts/people.
import { request } from "./api";
import type { PeopleFilter, PeopleListResponse, Person, PersonResponse, UpdatePersonInput } from "./contracts/people";

export type { PeopleFilter, Person };

export const peopleApi = {
  list: (q: string, filter: PeopleFilter) => {
    const params = new URLSearchParams({ filter, ...(q.trim() ? { q: q.trim() } : {}) });
    return request<PeopleListResponse>("GET", `/api/admin/people?${params}`).then((r) => r.people);
  },
  update: (id: string, change: UpdatePersonInput) =>
    request<PersonResponse>("PATCH", `/api/admin/people/${encodeURIComponent(id)}`, change).then((r) => r.person),
};
