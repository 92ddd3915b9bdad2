// <Announcements /> wired to the session, so the stream reconnects as the new viewer after sign-in/out.
"use client";
import { useSession } from "@/components/layout/SessionProvider";
import { Announcements } from "./Announcements";

export function SessionAnnouncements() {
  const { status, user } = useSession();
  const signedInAs = status === "loading" || status === "error" ? undefined : status === "signed-in" ? (user?.id ?? null) : null;
  return <Announcements signedInAs={signedInAs} />;
}
