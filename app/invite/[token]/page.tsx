import type { Metadata } from "next";
import { InvitationPage } from "@/components/invitations/InvitationPage";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <InvitationPage token={token} />;
}
