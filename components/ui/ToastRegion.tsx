// The one place toasts appear: a fixed stack rendered at the layout root, never inside the header,
// whose backdrop-filter would make it the containing block of anything `position: fixed` (the toasts
// then opened above the viewport, over the bell). Bottom-left on wide screens, where no page keeps
// its buttons (they sit on the right); full width at the bottom of a phone. While toasts show, the
// page gets as much room at its end, so nothing under them is out of reach.
"use client";
import { useEffect, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";

const REGION_ID = "toast-region";

export function ToastRegion() {
  useEffect(() => {
    const region = document.getElementById(REGION_ID);
    if (!region || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      const height = region.getBoundingClientRect().height;
      root.style.setProperty("--toast-room", height > 0 ? `${Math.ceil(height) + 16}px` : "0px");
    });
    observer.observe(region);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--toast-room");
    };
  }, []);
  return (
    <div id={REGION_ID} data-testid="toast-region" className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col gap-2 sm:right-auto sm:w-80" />
  );
}

/** Renders `children` into the toast region (after the first render: the region must exist). */
export function InToastRegion({ children }: { children: ReactNode }) {
  const [region, setRegion] = useState<HTMLElement | null>(null);
  useEffect(() => setRegion(document.getElementById(REGION_ID)), []);
  return region ? createPortal(children, region) : null;
}
