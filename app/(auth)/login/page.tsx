import type { Metadata } from "next";
import { Suspense } from "react";
import { AuthForm } from "../AuthForm";

export const metadata: Metadata = { title: "Sign in" };

export default function LoginPage() {
  // useSearchParams (for ?next=) needs a Suspense boundary in a statically rendered page.
  return (
    <Suspense>
      <AuthForm mode="login" />
    </Suspense>
  );
}
