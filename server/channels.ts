// The realtime channels the server runs, in start order. Each lives in its own folder.
import type { ChannelFactory } from "./channel";

export const channelFactories: ChannelFactory[] = [];
