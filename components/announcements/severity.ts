// Colours per severity, light and dark.
import type { Severity } from "@/lib/announcements/types";

export const severityStyles: Record<Severity, string> = {
  info: "border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900 dark:bg-sky-950/70 dark:text-sky-100",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/70 dark:text-emerald-100",
  warning: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/70 dark:text-amber-100",
  critical: "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/70 dark:text-red-100",
};

export const severityLabel: Record<Severity, string> = {
  info: "Information",
  success: "Good news",
  warning: "Warning",
  critical: "Important",
};
