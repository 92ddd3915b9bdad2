// The realtime channels the server runs, in start order. Each lives in its own folder.
import type { ChannelFactory } from "./channel";
import { createOpsChannel } from "./ops/opsChannel";

export const channelFactories: ChannelFactory[] = [
  createOpsChannel,
];
