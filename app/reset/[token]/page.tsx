import type { Metadata } from "next";
import { ResetPasswordPage } from "@/components/account/ResetPasswordPage";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <ResetPasswordPage token={token} />;
}
