// Next.js serves the pages; the Node server in server/ owns /api, WebSockets and SSE.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The server code and its generated Prisma client are not part of the Next bundle.
  serverExternalPackages: ["@prisma/client", "better-sqlite3"],
  // `next build` type-checks only what it bundles (pages, components, lib); server and tests are
  // checked by `npm run typecheck`. It also keeps Next from rewriting the main tsconfig.json.
  typescript: { tsconfigPath: "tsconfig.next.json" },
};
export default nextConfig;
