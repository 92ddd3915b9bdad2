// The realtime channels the server runs, in start order. Each lives in its own folder.
import type { ChannelFactory } from "./channel";
import { createCollabChannel } from "./collab/collabChannel";
import { eventsChannel } from "./events/eventsChannel";
import { createOpsChannel } from "./ops/opsChannel";
import { createRealtimeChannel } from "./realtime/channel";

export const channelFactories: ChannelFactory[] = [createCollabChannel, createOpsChannel, createRealtimeChannel, eventsChannel];
