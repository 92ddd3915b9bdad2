// The shell of every page: system fonts, light/dark from the system, the header, the session.
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { SessionProvider } from "@/components/layout/SessionProvider";
import { Header } from "@/components/layout/Header";
import { SessionAnnouncements } from "@/components/announcements/SessionAnnouncements";

// Every page is rendered per request: the Content-Security-Policy carries a fresh nonce
// (server/http/securityHeaders.ts) that Next must put on its inline scripts, which a page
// prerendered at build time cannot have.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Tandem", template: "%s · Tandem" },
  description: "Write documents together, live.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#18181b" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <SessionProvider>
          <a
            href="#main"
            className="sr-only rounded-md bg-white px-3 py-2 text-sm focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 dark:bg-zinc-900"
          >
            Skip to content
          </a>
          {/* Banners, maintenance and version notices above the header on every page; toasts in the corner. */}
          <SessionAnnouncements />
          <Header />
          <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:py-8">
            {children}
          </main>
        </SessionProvider>
      </body>
    </html>
  );
}
