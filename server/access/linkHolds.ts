// The connections that came in through each share link (the "entry link" of a registration), for the
// access authority: revoking a link ends them, its expiry ends them at that moment (a timer per link),
// a new role is handed to them. Generic over the authority's entry type, which it does not need to know.
import type { LiveLink } from "../domain/shareLinks";

/** Credential ids of guests (no account): the link itself is their credential. */
export const GUEST_CREDENTIAL_PREFIX = "link:";
export const guestCredentialId = (linkId: string) => `${GUEST_CREDENTIAL_PREFIX}${linkId}`;
export const isGuestCredential = (credentialId: string) => credentialId.startsWith(GUEST_CREDENTIAL_PREFIX);

const MAX_TIMER_MS = 24 * 3600_000;

type Hold<E> = { link: LiveLink; entries: Set<E>; timer: NodeJS.Timeout | undefined };

export class LinkHolds<E> {
  private readonly holds = new Map<string, Hold<E>>();

  /** `expire` is called at the link's expiry for every entry still held. */
  constructor(private readonly expire: (entry: E) => void) {}

  get linkIds(): string[] {
    return [...this.holds.keys()];
  }

  add(entry: E, link: LiveLink): void {
    let hold = this.holds.get(link.id);
    if (!hold) {
      hold = { link, entries: new Set(), timer: undefined };
      this.holds.set(link.id, hold);
      this.arm(hold);
    }
    hold.entries.add(entry);
  }

  remove(entry: E, linkId: string): void {
    const hold = this.holds.get(linkId);
    if (!hold) return;
    hold.entries.delete(entry);
    if (hold.entries.size === 0) {
      clearTimeout(hold.timer);
      this.holds.delete(linkId);
    }
  }

  /** The entries of a link, as a copy (ending them removes them). */
  entriesOf(linkId: string): E[] {
    return [...(this.holds.get(linkId)?.entries ?? [])];
  }

  /** True when the link passed its expiry (checked per frame, before the timer fires). */
  expired(linkId: string, now = Date.now()): boolean {
    const expiresAt = this.holds.get(linkId)?.link.expiresAt;
    return expiresAt != null && now >= expiresAt.getTime();
  }

  setRole(linkId: string, role: LiveLink["role"]): void {
    const hold = this.holds.get(linkId);
    if (hold) hold.link = { ...hold.link, role };
  }

  roleOf(linkId: string): LiveLink["role"] | undefined {
    return this.holds.get(linkId)?.link.role;
  }

  stop(): void {
    for (const hold of this.holds.values()) clearTimeout(hold.timer);
  }

  private arm(hold: Hold<E>): void {
    const expiresAt = hold.link.expiresAt?.getTime();
    if (expiresAt === undefined) return;
    const wait = Math.max(0, Math.min(expiresAt - Date.now(), MAX_TIMER_MS));
    hold.timer = setTimeout(() => {
      if (Date.now() < expiresAt) return this.arm(hold);
      for (const entry of [...hold.entries]) this.expire(entry);
    }, wait);
    hold.timer.unref();
  }
}
