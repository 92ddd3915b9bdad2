// The admin page: write an announcement (with a preview), and see, edit or revoke the ones sent.
"use client";
import { useCallback, useEffect, useState } from "react";
import { useSession } from "@/components/layout/SessionProvider";
import { Alert } from "@/components/ui/Alert";
import { plainError } from "@/lib/apiErrors";
import { announcementsApi } from "@/lib/announcements/adminApi";
import type { AdminAnnouncement } from "@/lib/announcements/types";
import { AnnouncementForm } from "./AnnouncementForm";
import { AnnouncementList } from "./AnnouncementList";
import { AdminPeople } from "./AdminPeople";
import { FeedLinks } from "./FeedLinks";

type ListState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; items: AdminAnnouncement[] };

export function AdminAnnouncements() {
  const { user } = useSession();
  const [list, setList] = useState<ListState>({ status: "loading" });
  const [editing, setEditing] = useState<AdminAnnouncement | null>(null);

  const reload = useCallback(async () => {
    try {
      setList({ status: "ready", items: await announcementsApi.list() });
    } catch (e) {
      setList({ status: "error", message: plainError(e) });
    }
  }, []);

  useEffect(() => {
    if (user?.isAdmin) void reload();
  }, [user?.isAdmin, reload]);

  // Statuses move with the clock (scheduled → active → ended): refresh the list now and then.
  useEffect(() => {
    if (!user?.isAdmin) return;
    const timer = setInterval(() => void reload(), 15_000);
    return () => clearInterval(timer);
  }, [user?.isAdmin, reload]);

  if (!user?.isAdmin) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-bold tracking-tight">Admin</h1>
        <Alert tone="info">You need to be an administrator to see this page.</Alert>
      </div>
    );
  }

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Announcements</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Tell everyone using Tandem about news, problems or planned maintenance. People see it within a second, on every open page.
        </p>
        <p className="mt-2 text-sm">
          <a href="#people-heading" className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
            Manage people ↓
          </a>
        </p>
        <FeedLinks />
      </div>
      <AnnouncementForm
        key={editing?.id ?? "new"}
        editing={editing}
        onSaved={() => {
          setEditing(null);
          void reload();
        }}
        onCancel={() => setEditing(null)}
      />
      {list.status === "loading" && <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading announcements…</p>}
      {list.status === "error" && <Alert>{list.message}</Alert>}
      {list.status === "ready" && (
        <AnnouncementList
          items={list.items}
          onEdit={(a) => {
            setEditing(a);
            window.scrollTo({ top: 0, behavior: "smooth" });
          }}
          onChanged={() => void reload()}
        />
      )}
      <AdminPeople />
    </div>
  );
}
