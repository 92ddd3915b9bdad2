// Everything the event stream shows on every page: banners and maintenance notices at the top, the
// new-version notice, notification toasts in the corner, and the connection indicator.
"use client";
import { useEffect, useRef } from "react";
import { usePathname } from "next/navigation";
import { matchesTargetPath } from "@/lib/announcements/targetPath";
import { restartAnnouncementStream } from "@/lib/announcements/sharedStream";
import { useAnnouncementStream } from "./useAnnouncementStream";
import { BannerStack } from "./BannerStack";
import { InToastRegion } from "@/components/ui/ToastRegion";
import { Toast } from "./Toast";
import { MaintenanceNotice } from "./MaintenanceNotice";
import { VersionNotice } from "./VersionNotice";
import { EventsStatus } from "./EventsStatus";
import { mustAcknowledge } from "./AnnouncementContent";
import type { AckProps } from "./useSeenReport";
import type { AnnouncementView } from "@/lib/announcements/types";

/** `signedInAs`: the current user's id (or null); when it changes the stream reconnects as them. */
export function Announcements({ signedInAs }: { signedInAs?: string | null }) {
  const pathname = usePathname() ?? "/";
  const { items, status, buildId, firstBuildId, dismiss, acknowledge, reminded, viewer } = useAnnouncementStream();
  useRestartOnSignInChange(signedInAs);

  const here = items.filter((a) => matchesTargetPath(a.targetPath, pathname));
  const maintenance = here.filter((a) => a.kind === "maintenance");
  const banners = here.filter((a) => a.kind === "banner");
  const toasts = here.filter((a) => a.kind === "notification");
  const newVersion = buildId !== null && firstBuildId !== null && buildId !== firstBuildId;
  // Signed-out visitors cannot acknowledge: for them it is an ordinary banner.
  const signedIn = viewer === "user" || viewer === "admin";
  const accountId = signedIn ? signedInAs : null;
  const ackFor = (a: AnnouncementView): AckProps => ({
    accountId,
    reminded: Boolean(reminded[a.id]),
    onAcknowledge: mustAcknowledge(a, signedIn) ? () => acknowledge(a.id) : undefined,
  });

  return (
    <>
      <section data-testid="announcements" aria-label="Announcements">
        {newVersion && <VersionNotice />}
        {maintenance.map((a) => (
          <MaintenanceNotice key={a.id} announcement={a} onDismiss={() => void dismiss(a.id)} {...ackFor(a)} />
        ))}
        <BannerStack banners={banners} onDismiss={(id) => void dismiss(id)} ackFor={ackFor} />
      </section>
      <InToastRegion>
        {toasts.length > 0 && (
          <section className="flex flex-col gap-2" aria-label="Notifications">
            {toasts.map((a) => (
              <Toast key={a.id} announcement={a} onDismiss={() => void dismiss(a.id)} {...ackFor(a)} />
            ))}
          </section>
        )}
        <EventsStatus status={status} />
      </InToastRegion>
    </>
  );
}

function useRestartOnSignInChange(signedInAs: string | null | undefined): void {
  const previous = useRef(signedInAs);
  useEffect(() => {
    if (signedInAs === undefined || previous.current === signedInAs) return;
    const wasKnown = previous.current !== undefined;
    previous.current = signedInAs;
    if (wasKnown) restartAnnouncementStream();
  }, [signedInAs]);
}
