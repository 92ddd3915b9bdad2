// Hocuspocus 4 with its SQLite extension, configured as its docs show (default debounce).
import { Server } from "@hocuspocus/server";
import { SQLite } from "@hocuspocus/extension-sqlite";

const server = new Server({
  port: Number(process.env.PORT),
  address: process.env.HOST ?? "127.0.0.1",
  quiet: true,
  extensions: [new SQLite({ database: process.env.DATABASE })],
});
await server.listen();
