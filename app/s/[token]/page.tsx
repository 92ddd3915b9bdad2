// /s/<token>: a share link. Anyone may open it, with or without an account (components/links/GuestLinkView.tsx).
import { GuestLinkView } from "@/components/links/GuestLinkView";

export const metadata = { title: "Shared document", robots: { index: false, follow: false } };

export default async function ShareLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <GuestLinkView token={token} />;
}
