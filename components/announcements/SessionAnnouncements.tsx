// <Announcements /> wired to the session, so the stream reconnects as the new viewer after sign-in/out.
"use client";
import { useSession } from "@/components/layout/SessionProvider";
import { Announcements } from "./Announcements";

export function SessionAnnouncements() {
  const { status, user } = useSession();
  return <Announcements signedInAs={status === "loading" || status === "error" ? undefined : (user?.id ?? null)} />;
}
