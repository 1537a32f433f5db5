import { createServer, type Server, type Socket } from 'node:net';
import { startHoustonProcess, type HoustonProcess } from '@houston/testing';

export interface TwoEnvironments {
  dev: HoustonProcess;
  pro: HoustonProcess;
  /** A meta-server address that accepts connections and never answers (times out). */
  silentUrl: string;
  /** An address nothing listens on (refused at once). */
  refusedUrl: string;
  /** `HOUSTON_PORTAL_ENVS` for DEV (a silent meta-server first, then the real one), PRO, and OFF (unreachable). */
  portalEnvs: string;
  stop(): Promise<void>;
}

/**
 * Two Houston environments, each the `npm start` process on its own SQLite file (config-service
 * with the meta-server API, and an admin-service it lists under `/services/admin`), plus an
 * environment that cannot be reached.
 */
export async function startTwoEnvironments(env: Record<string, string> = {}): Promise<TwoEnvironments> {
  const sockets = new Set<Socket>();
  const silent: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
  const silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
  const refused = createServer();
  await new Promise<void>((done) => refused.listen(0, '127.0.0.1', done));
  const refusedUrl = `http://127.0.0.1:${(refused.address() as { port: number }).port}`;
  await new Promise<void>((done) => refused.close(() => done()));

  // Generous: two processes starting at once on a busy machine take far longer than one alone.
  const [dev, pro] = await Promise.all([startHoustonProcess(env, 90_000), startHoustonProcess(env, 90_000)]);
  return {
    dev,
    pro,
    silentUrl,
    refusedUrl,
    portalEnvs: `DEV=${silentUrl},${dev.configUrl};PRO=${refusedUrl},${pro.configUrl};OFF=${refusedUrl}`,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => silent.close(() => done()));
      await Promise.all([dev.stop(), pro.stop()]);
    },
  };
}
