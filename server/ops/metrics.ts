// Prometheus metrics (prom-client), the server's one metric system. One registry per server instance
// (tests run several in one process); channels register what they own through `counter` / `histogram`
// (counted here), or `gauge` / `countOf` (read at scrape time from numbers a component keeps itself).
import client from "prom-client";

export class Metrics {
  readonly registry = new client.Registry();

  constructor() {
    client.collectDefaultMetrics({ register: this.registry });
  }

  readonly eventLoopLag = this.gaugeSet("tandem_event_loop_lag_seconds", "Mean event-loop delay over the last 500 ms");

  private gaugeSet(name: string, help: string) {
    return new client.Gauge({ name, help, registers: [this.registry] });
  }

  /** A gauge read when /metrics is scraped (connections, rooms loaded, ...). */
  gauge(name: string, help: string, read: () => number): void {
    new client.Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  /**
   * A count kept elsewhere (a component's stats, only ever growing), read when /metrics is scraped and
   * exported as a counter: the component stays free of prom-client and its tests read plain numbers.
   */
  countOf(name: string, help: string, read: () => number): void {
    new client.Counter({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  }

  counter<L extends string>(name: string, help: string, labelNames: L[] = []) {
    return new client.Counter<L>({ name, help, labelNames, registers: [this.registry] });
  }

  histogram(name: string, help: string, buckets: number[]) {
    return new client.Histogram({ name, help, buckets, registers: [this.registry] });
  }
}
