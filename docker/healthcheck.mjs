// Docker HEALTHCHECK of the one Houston image: finds which server the container runs (from the
// command lines of its processes, or the first argument) and asks /health on that server's ports.
// Exit 0 when every one answers 200, 1 otherwise: the contract of HEALTHCHECK CMD.
import { readdirSync, readFileSync } from 'node:fs';

/** Each server's ports: the variable that sets one, and its default. */
export const SERVER_PORTS = {
  'config-service': [['HOUSTON_CONFIG_PORT', 8080]],
  'admin-service': [['HOUSTON_ADMIN_PORT', 8090]],
  'meta-server': [['HOUSTON_META_PORT', 8060]],
  'all-in-one': [
    ['HOUSTON_CONFIG_PORT', 8080],
    ['HOUSTON_ADMIN_PORT', 8090],
  ],
  portal: [['HOUSTON_PORTAL_PORT', 8070]],
};

/** The server a command line such as `node dist/apps/meta-server/src/main.js` starts, if any. */
export function serverOf(commandLines) {
  for (const line of commandLines) {
    const app = /dist\/apps\/([a-z-]+)\/src\/main\.js/.exec(line)?.[1];
    if (app && app in SERVER_PORTS) return app;
  }
  return undefined;
}

/** The /health URLs of `app` as `env` configures it; loopback when it binds every interface. */
export function healthUrls(app, env) {
  let host = env.HOUSTON_HOST || '127.0.0.1';
  if (host === '0.0.0.0') host = '127.0.0.1';
  if (host === '::') host = '::1';
  if (host.includes(':')) host = `[${host}]`;
  return SERVER_PORTS[app].map(([variable, fallback]) => {
    const port = Number(env[variable] || fallback);
    if (!Number.isInteger(port) || port <= 0) {
      throw new Error(`${variable}=${env[variable]}: no fixed port to check`);
    }
    return `http://${host}:${port}/health`;
  });
}

function processCommandLines() {
  const lines = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      lines.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      // The process ended while we looked.
    }
  }
  return lines;
}

async function main() {
  const app = process.argv[2] ?? serverOf(processCommandLines());
  if (!app || !(app in SERVER_PORTS)) {
    process.stderr.write(
      `unhealthy: no Houston server found (${app ?? 'no dist/apps/<server>/src/main.js process'})\n`,
    );
    return 1;
  }
  for (const url of healthUrls(app, process.env)) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (response.status !== 200) {
        process.stderr.write(`unhealthy: ${url} answered ${response.status}\n`);
        return 1;
      }
    } catch (error) {
      process.stderr.write(`unhealthy: ${url}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  return 0;
}

if (process.argv[1]?.endsWith('healthcheck.mjs')) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`unhealthy: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
