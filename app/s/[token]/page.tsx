// /s/<token>: a share link. Anyone may open it, with or without an account (components/links/GuestLinkView.tsx).
// The server checked the token before handing the request here (server/http/linkLanding.ts): a dead
// link is answered 404 with the friendly page, not a 200 that only says so once its script runs.
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { GuestLinkView } from "@/components/links/GuestLinkView";
import { LINK_LANDING_HEADER } from "@/lib/contracts/shareLinks";

export const metadata = { title: "Shared document", robots: { index: false, follow: false } };

export default async function ShareLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if ((await headers()).get(LINK_LANDING_HEADER) === "dead") notFound();
  return <GuestLinkView token={token} />;
}
