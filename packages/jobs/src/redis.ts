import { Redis, type RedisOptions } from "ioredis";

/** BullMQ needs maxRetriesPerRequest: null on the connections its workers block on. */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...options });
}

export type Reachability = { ok: true; ms: number } | { ok: false; ms: number; error: string };

/** One PING with a short timeout and no reconnect loop, for health checks and `dangol doctor`. */
export async function pingRedis(url: string, timeoutMs = 2000): Promise<Reachability> {
  const started = performance.now();
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // ioredis rejects with a bare "Connection is closed."; the socket's own error says why.
  let socketError: Error | undefined;
  redis.on("error", (error: Error) => {
    socketError ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const cause = socketError ?? error;
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: cause instanceof Error ? cause.message : String(cause),
    };
  } finally {
    redis.disconnect();
  }
}
