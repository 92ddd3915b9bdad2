// A small TCP proxy for fault tests: it splits what passes into tiny chunks, delays them (in order),
// can reset connections at random, and can go down (cut every connection, refuse new ones) and come
// back: a flaky network, or a database that became unreachable.
import net from "node:net";

export type ProxyFaults = {
  /** Largest chunk forwarded at once (bytes); 0: as received. */
  splitMax?: number;
  /** Each chunk waits up to this long (ms), order kept. */
  maxDelayMs?: number;
  /** Chance per chunk that the connection is reset (both sides destroyed). */
  resetChance?: number;
};

export class TcpProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private down = false;
  resets = 0;

  constructor(
    private readonly targetPort: number,
    public faults: ProxyFaults = {},
    private readonly rnd: () => number = Math.random,
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  listen(): Promise<number> {
    return new Promise((resolve) => this.server.listen(0, "127.0.0.1", () => resolve((this.server.address() as net.AddressInfo).port)));
  }

  /** Down: every connection is cut and new ones are refused, until it is set up again. */
  setDown(down: boolean): void {
    this.down = down;
    if (down) for (const socket of this.sockets) socket.destroy();
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.down) return void client.destroy();
    const upstream = net.connect(this.targetPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => {
        this.sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    this.pipe(client, upstream);
    this.pipe(upstream, client);
  }

  /** Forwards `from` to `to` through the faults, one chunk after the other. */
  private pipe(from: net.Socket, to: net.Socket): void {
    let tail = Promise.resolve();
    from.on("data", (data: Buffer) => {
      const { splitMax = 0, maxDelayMs = 0, resetChance = 0 } = this.faults;
      const size = splitMax > 0 ? splitMax : data.length;
      for (let offset = 0; offset < data.length; offset += size) {
        const chunk = data.subarray(offset, offset + size);
        const reset = resetChance > 0 && this.rnd() < resetChance;
        const delay = maxDelayMs > 0 ? Math.floor(this.rnd() * maxDelayMs) : 0;
        tail = tail.then(async () => {
          if (delay > 0) await new Promise((r) => setTimeout(r, delay));
          if (reset) {
            this.resets++;
            from.destroy();
            to.destroy();
            return;
          }
          if (!to.destroyed) to.write(chunk);
        });
      }
    });
  }
}
