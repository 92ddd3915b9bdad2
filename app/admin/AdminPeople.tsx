// The admin page's "People" section: every account, searchable, with its standing; an administrator
// makes or unmakes administrators and deactivates or reactivates accounts (server/domain/people.ts).
"use client";
import { useCallback, useEffect, useId, useState } from "react";
import { useSession } from "@/components/layout/SessionProvider";
import { Alert } from "@/components/ui/Alert";
import { SkeletonRows } from "@/components/ui/Skeleton";
import { inputClass } from "@/components/ui/TextField";
import { selectClass } from "@/components/documents/AddMemberForm";
import { plainError } from "@/lib/apiErrors";
import { peopleApi, type PeopleFilter, type Person } from "@/lib/peopleApi";
import { PersonRow } from "./PersonRow";

type ListState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; people: Person[] };

/** Typing pauses this long before the list is asked again. */
const SEARCH_DELAY_MS = 250;

export function AdminPeople() {
  const { user } = useSession();
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<PeopleFilter>("all");
  const [list, setList] = useState<ListState>({ status: "loading" });
  const searchId = useId();
  const filterId = useId();

  const load = useCallback(async (q: string, f: PeopleFilter) => {
    try {
      setList({ status: "ready", people: await peopleApi.list(q, f) });
    } catch (e) {
      setList({ status: "error", message: plainError(e) });
    }
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void load(query, filter), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, filter, load]);

  const replace = (person: Person) =>
    setList((s) => (s.status === "ready" ? { status: "ready", people: s.people.map((p) => (p.id === person.id ? person : p)) } : s));

  return (
    <section aria-labelledby="people-heading" className="space-y-4">
      <div>
        <h2 id="people-heading" className="text-2xl font-bold tracking-tight">
          People
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Everyone with an account. A deactivated account cannot sign in and is signed out everywhere at once; its documents stay with the people they are
          shared with.
        </p>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        <div className="flex-1">
          <label htmlFor={searchId} className="sr-only">
            Search people
          </label>
          <input
            id={searchId}
            type="search"
            placeholder="Search by name or email"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className={inputClass}
          />
        </div>
        <label htmlFor={filterId} className="sr-only">
          Show
        </label>
        <select id={filterId} value={filter} onChange={(e) => setFilter(e.target.value as PeopleFilter)} className={selectClass}>
          <option value="all">Everyone</option>
          <option value="admins">Administrators</option>
          <option value="active">Active</option>
          <option value="deactivated">Deactivated</option>
        </select>
      </div>
      {list.status === "loading" && <SkeletonRows rows={3} label="Loading people" />}
      {list.status === "error" && <Alert>{list.message}</Alert>}
      {list.status === "ready" &&
        (list.people.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Nobody matches. Try another name or email.</p>
        ) : (
          <ul
            aria-label="People"
            className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
          >
            {list.people.map((p) => (
              <PersonRow key={p.id} person={p} isYou={p.id === user?.id} onChanged={replace} />
            ))}
          </ul>
        ))}
    </section>
  );
}
