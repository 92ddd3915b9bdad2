import type { Metadata } from "next";
import { Suspense } from "react";
import { AuthForm } from "../AuthForm";

export const metadata: Metadata = { title: "Create account" };

export default function SignupPage() {
  // useSearchParams (for ?next=) needs a Suspense boundary in a statically rendered page.
  return (
    <Suspense>
      <AuthForm mode="signup" />
    </Suspense>
  );
}
