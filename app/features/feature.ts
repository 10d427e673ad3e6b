/**
 * A feature's wiring into the running service. Each feature (Zalo, reminders, digests, administration,
 * operations) has one file in app/features/ that builds its parts from these shared dependencies; the
 * runtime starts them in order and closes them in reverse.
 */

import type { RedisOptions } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Channel, ChannelId } from '../../handlers/channel.ts';
import type { CommandDeps } from '../../handlers/commands/chat-command.ts';
import type { InboundIntake } from '../../handlers/inbound.ts';
import type { Outbox } from '../../handlers/outbox.ts';
import type { Queues } from '../../jobs/queues.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

export type Role = 'all' | 'bot' | 'worker';

export interface FeatureDeps {
  config: Config;
  role: Role;
  db: PrismaClient;
  redis: Redis;
  /** BullMQ connection options (maxRetriesPerRequest null). */
  connection: RedisOptions;
  logger: Logger;
  now: () => Date;
  outbox: Outbox;
  queues: Queues;
  /** Channels by id; a feature may add one (Zalo) before workers start sending. */
  channels: Map<ChannelId, Channel>;
  /** The HTTP server (null in the worker role); routes must be added before it listens. */
  server: FastifyInstance | null;
  /** Stores inbound messages and queues their handling (webhooks hand every event to it). */
  intake: InboundIntake;
}

export interface Feature {
  /** What this feature gives the chat commands of the registry (e.g. file downloads, on-demand digests). */
  commandDeps?: Partial<CommandDeps>;
  /** Called after every feature started and the server listens. */
  started?(): Promise<void>;
  close?(): Promise<void>;
}
