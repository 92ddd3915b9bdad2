// Next.js serves the pages; the Node server in server/ owns /api, WebSockets and SSE.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The server code and its generated Prisma client are not part of the Next bundle.
  serverExternalPackages: ["@prisma/client", "better-sqlite3"],
  typescript: { tsconfigPath: "tsconfig.json" },
};
export default nextConfig;
