// Keeps the remembered lookups honest (Auth.authenticateRecent, Documents.roleOfRecent): every bus
// event that changes who a credential is or what role an account has forgets the answers it changes,
// on every instance. Subscribed before any channel, so no channel can act on an event while the old
// answer is still remembered.
import type { EventBus } from "../bus/bus";
import type { Auth } from "../auth/auth";
import type { Documents } from "../domain/documents";

export function forgetChangedLookups(bus: EventBus, auth: Auth, documents: Documents): () => void {
  return bus.subscribe((event) => {
    switch (event.type) {
      case "credential.revoked":
        return auth.forgetCredential(event.credentialId);
      case "account.deactivated":
      case "account.reactivated":
        return auth.forgetAccount(event.userId);
      case "membership.changed":
        return documents.forgetRole(event.userId, event.documentId);
      // (A restore needs nothing: "no access" is never remembered.)
      case "document.deleted":
        return documents.forgetDocument(event.documentId);
      default:
        return;
    }
  });
}
