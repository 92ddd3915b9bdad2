// Connections outlive the request that authenticated them (collab WebSockets, socket.io, SSE streams).
// Each channel tracks its open connections by the credential that opened them, so that signing out or
// revoking an access token ends them at once, on every instance: the HTTP API publishes
// `credential.revoked` on the event bus, which crosses instances through Redis in hosted mode.
import type { EventBus } from "../bus/bus";

export class LiveCredentials<Connection> {
  private readonly byCredential = new Map<string, Set<Connection>>();

  /** Remembers `connection` under `credentialId`; call the returned function when it closes. */
  track(credentialId: string, connection: Connection): () => void {
    let set = this.byCredential.get(credentialId);
    if (!set) this.byCredential.set(credentialId, (set = new Set()));
    set.add(connection);
    return () => {
      set.delete(connection);
      if (set.size === 0 && this.byCredential.get(credentialId) === set) this.byCredential.delete(credentialId);
    };
  }

  /** Forgets and returns every connection opened with `credentialId`. */
  take(credentialId: string): Connection[] {
    const set = this.byCredential.get(credentialId);
    this.byCredential.delete(credentialId);
    return set ? [...set] : [];
  }
}

/** Ends this instance's connections of every credential revoked anywhere. Returns the unsubscribe. */
export function endConnectionsOnRevoke<Connection>(bus: EventBus, live: LiveCredentials<Connection>, end: (connection: Connection) => void): () => void {
  return bus.subscribe((event) => {
    if (event.type === "credential.revoked") for (const connection of live.take(event.credentialId)) end(connection);
  });
}
