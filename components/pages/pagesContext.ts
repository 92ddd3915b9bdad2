// The page tree of the frame a page is shown in (PagesFrame), for parts of the page that need a
// page's place or settings (the share dialog's "Inherit access" switch) without fetching it again.
"use client";
import { createContext, useContext } from "react";
import type { PageTree } from "./usePageTree";

export const PagesContext = createContext<PageTree | null>(null);

export const usePagesContext = (): PageTree | null => useContext(PagesContext);
