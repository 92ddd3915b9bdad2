// Screenshots of one screen at a desktop and a phone size, light and dark, for a person to look at
// before the screen is called done. The page's own size and colour scheme come back afterwards.
import path from "node:path";
import type { Page } from "@playwright/test";

export const SCREEN_SIZES = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

export type ScreenshotOptions = {
  /** Where the pictures go (`<name>-<size>-<scheme>.png`). */
  dir: string;
  /** Run after each resize, before the pictures: bring the part to show into view. */
  focus?: () => Promise<void>;
  /** Wait this long after switching the scheme (colours that transition). */
  settleMs?: number;
  fullPage?: boolean;
  /** The desktop height, where a screen needs more than 800 px. */
  desktopHeight?: number;
};

export async function screenshots(page: Page, name: string, options: ScreenshotOptions): Promise<void> {
  const before = page.viewportSize();
  for (const size of SCREEN_SIZES) {
    const height = size.name === "desktop" ? (options.desktopHeight ?? size.height) : size.height;
    await page.setViewportSize({ width: size.width, height });
    await options.focus?.();
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      if (options.settleMs) await page.waitForTimeout(options.settleMs);
      await page.screenshot({ path: path.join(options.dir, `${name}-${size.name}-${scheme}.png`), fullPage: options.fullPage });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  if (before) await page.setViewportSize(before);
}
