import type { Metadata } from "next";
import { ConfirmEmailPage } from "@/components/account/ConfirmEmailPage";

export const metadata: Metadata = { title: "Confirm your new email" };

export default async function ConfirmEmail({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <ConfirmEmailPage token={token} />;
}
