import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnServer, type ServerProcess } from './servers';

export const ETCD_INSTALL_HINT =
  'apt-get install -y etcd-server   (Debian/Ubuntu; or rerun as root with --install-etcd)';

export function findEtcd(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').concat('/usr/bin', '/usr/local/bin')) {
    const candidate = join(dir, 'etcd');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Installs etcd-server with apt when running as root; returns the binary or undefined. */
export function installEtcd(log: (line: string) => void): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  log('peer: installing etcd-server with apt-get');
  execFileSync('apt-get', ['install', '-y', 'etcd-server'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return findEtcd();
}

export interface Etcd extends ServerProcess {
  cleanup(): Promise<void>;
}

/** A single-member etcd on loopback, free ports and a temporary data directory. */
export async function startEtcd(binary: string): Promise<Etcd> {
  const dir = mkdtempSync(join(tmpdir(), 'houston-bench-etcd-'));
  const clientPort = await freePort();
  const peerPort = await freePort();
  const client = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const server = await spawnServer({
    name: 'etcd',
    command: binary,
    args: [
      '--name=bench',
      `--data-dir=${join(dir, 'data')}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=bench=${peer}`,
      '--logger=zap',
      '--log-level=warn',
    ],
    url: client,
    readyPath: '/health',
  });
  return {
    ...server,
    async cleanup() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function b64(text: string): string {
  return Buffer.from(text).toString('base64');
}
