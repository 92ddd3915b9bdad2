// "New page" and "New sub-page": an untitled page under `parentId` (or at the top level), then opened,
// so the next thing typed is its title.
"use client";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { pagesApi } from "@/lib/pagesApi";

export const NEW_PAGE_TITLE = "Untitled";

export function useCreatePage(afterCreate?: () => void) {
  const router = useRouter();
  return useCallback(
    async (parentId: string | null) => {
      const doc = await pagesApi.create(NEW_PAGE_TITLE, parentId);
      afterCreate?.();
      router.push(`/documents/${doc.id}`);
    },
    [router, afterCreate],
  );
}
