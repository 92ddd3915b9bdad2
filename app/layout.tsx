// The shell of every page: system fonts, light/dark from the system, the header, the session.
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { SessionProvider } from "@/components/layout/SessionProvider";
import { Header } from "@/components/layout/Header";
import { SessionAnnouncements } from "@/components/announcements/SessionAnnouncements";
import { AskDialogProvider } from "@/components/ui/AskDialog";
import { ToastRegion } from "@/components/ui/ToastRegion";
import { SkipLink } from "@/components/layout/SkipLink";
import { ShellWorker } from "@/components/offline/ShellWorker";

// Every page is rendered per request: the Content-Security-Policy carries a fresh nonce
// (server/http/securityHeaders.ts) that Next must put on its inline scripts, which a page
// prerendered at build time cannot have.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Tandem", template: "%s · Tandem" },
  description: "Write documents together, live.",
  applicationName: "Tandem",
  // public/ holds favicon.ico and apple-touch-icon.png (asked for by name) and the manifest's icons;
  // app/icon.svg adds the SVG icon link itself.
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#18181b" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  // Set by the production server (server/index.ts) from .next/BUILD_ID; absent in development.
  const buildId = process.env.NODE_ENV === "production" ? process.env.TANDEM_BUILD_ID : undefined;
  return (
    <html lang="en">
      {/* --toast-room: the height of the toasts showing (ToastRegion), so the page's end can scroll clear of them. */}
      <body className="min-h-dvh bg-zinc-50 pb-[var(--toast-room,0px)] font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <SessionProvider>
          <AskDialogProvider>
            <SkipLink />
            {/* Banners, maintenance and version notices above the header on every page; toasts in the corner. */}
            <SessionAnnouncements />
            <Header />
            <main id="main" tabIndex={-1} data-frame className="mx-auto w-full max-w-5xl px-4 py-6 focus:outline-none sm:py-8">
              {children}
            </main>
            <ToastRegion />
            {buildId && <ShellWorker buildId={buildId} />}
          </AskDialogProvider>
        </SessionProvider>
      </body>
    </html>
  );
}
