// What readers will see, rendered with the same components the pages use.
"use client";
import { Banner } from "@/components/announcements/Banner";
import { Toast } from "@/components/announcements/Toast";
import { MaintenanceNotice } from "@/components/announcements/MaintenanceNotice";
import type { AnnouncementView } from "@/lib/announcements/types";
import type { FormValues } from "./formValues";
import { toInput } from "./formValues";

export function AnnouncementPreview({ values }: { values: FormValues }) {
  const input = toInput(values);
  const view: AnnouncementView = {
    ...input,
    id: "preview",
    title: input.title || "Your title",
    startsAt: input.startsAt ?? new Date().toISOString(),
    updatedAt: "",
    contentVersion: 1,
  };
  const noop = () => undefined;
  return (
    <div data-testid="announcement-preview" className="overflow-hidden rounded-md border border-dashed border-zinc-300 dark:border-zinc-700">
      <p className="bg-zinc-100 px-3 py-1 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">Preview</p>
      {view.kind === "banner" && <Banner announcement={view} onDismiss={noop} />}
      {view.kind === "maintenance" && <MaintenanceNotice announcement={view} onDismiss={noop} />}
      {view.kind === "notification" && (
        <div className="flex justify-end p-3">
          <Toast announcement={view} onDismiss={noop} />
        </div>
      )}
    </div>
  );
}
