import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { parse } from 'yaml';
import { RUNTIME_ENV } from '@houston/runtime';
import { envProblems, appOfCommand, REPO_ROOT } from '../deploy/test-support/server-env';
import { loadEnv } from '@houston/server-kit';
import { REAL_SERVICES_REQUIRED } from '@houston/testing';

/**
 * No Docker engine runs here, and hadolint is not packaged by Debian: the image and the compose
 * stack are checked by what can be read without an engine. `docker-compose config` (Debian's
 * docker-compose, installed by .ci/run) validates the compose file against the Compose schema;
 * the rest reads the files themselves.
 */

const DOCKERFILE = readFileSync(join(REPO_ROOT, 'docker', 'Dockerfile'), 'utf8');
const COMPOSE_PATH = join(REPO_ROOT, 'docker', 'compose.yaml');
const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const ENGINES = PACKAGE.engines.node;

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions, continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    });
}

const STEPS = instructions(DOCKERFILE);
const stages = (() => {
  const result: Instruction[][] = [];
  for (const step of STEPS) {
    if (step.keyword === 'FROM') result.push([]);
    result.at(-1)?.push(step);
  }
  return result;
})();
const finalStage = stages.at(-1)!;

/** The base image of a FROM, with `${ARG}` replaced by the ARG's default. */
function baseImage(from: Instruction): string {
  const image = from.args.split(/\s+/)[0]!;
  return image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string, bare: string) => {
    const name = braced ?? bare;
    const arg = STEPS.find((step) => step.keyword === 'ARG' && step.args.startsWith(`${name}=`));
    if (!arg) throw new Error(`${name} has no default`);
    return arg.args.slice(name.length + 1);
  });
}

/** The Node major line a `node:<tag>` image runs. */
function nodeMajor(image: string): number {
  const match = /^node:(\d+)(?:\.\d+){0,2}-[a-z0-9-]+$/.exec(image);
  if (!match) throw new Error(`${image} is not a node:<version>-<variant> image`);
  return Number(match[1]);
}

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}
const COMPOSE = parse(readFileSync(COMPOSE_PATH, 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const SERVICES = COMPOSE.services;
const houstonServices = Object.entries(SERVICES).filter(([, service]) => service.image === 'houston:local');

describe('docker/Dockerfile', () => {
  it('builds in a separate stage and ships only what runs', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]![0]!.args).toMatch(/\sAS build$/i);
    const copies = finalStage.filter((step) => step.keyword === 'COPY');
    expect(copies.map((copy) => copy.args).filter((args) => !args.startsWith('--from=build'))).toEqual([
      'docker/healthcheck.mjs ./docker/healthcheck.mjs',
    ]);
    // The build installs from the lock file, and leaves no dev dependency in the image.
    expect(STEPS.some((step) => step.keyword === 'RUN' && /\bnpm ci\b/.test(step.args))).toBe(true);
    expect(STEPS.some((step) => step.keyword === 'RUN' && /npm prune --omit=dev/.test(step.args))).toBe(true);
  });

  it('copies only files that exist, and keeps node_modules and dist of the host out of the context', () => {
    for (const copy of STEPS.filter((step) => step.keyword === 'COPY' && !step.args.startsWith('--from'))) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources.filter((s) => s !== '.')) {
        expect({ source, exists: existsSync(join(REPO_ROOT, source)) }).toEqual({ source, exists: true });
      }
    }
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.git']));
  });

  it('runs as the unprivileged node user', () => {
    const users = finalStage.filter((step) => step.keyword === 'USER').map((step) => step.args);
    expect(users.at(-1)).toBe('node');
    // Nothing after USER may switch back to root.
    expect(users.filter((user) => /^(root|0)(:|$)/.test(user))).toEqual([]);
  });

  it('has a HEALTHCHECK that runs the shipped health script', () => {
    const healthcheck = finalStage.find((step) => step.keyword === 'HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/CMD \["node", "docker\/healthcheck\.mjs"\]$/);
    expect(healthcheck?.args).toMatch(/--start-period=\d+s/);
  });

  it('runs a documented server command by default', () => {
    const cmd = finalStage.find((step) => step.keyword === 'CMD');
    expect(appOfCommand(JSON.parse(cmd!.args) as string[])).toEqual({ app: 'all-in-one' });
  });

  it('pins every base image to a Node line that package.json "engines" admits', () => {
    for (const stage of stages) {
      const image = baseImage(stage[0]!);
      expect(image).not.toMatch(/:latest$|^[^:]+$/);
      const major = nodeMajor(image);
      expect({ image, admitted: semver.intersects(`${major}.x`, ENGINES) }).toEqual({
        image,
        admitted: true,
      });
    }
  });

  it('runs on a Node line every production dependency accepts', () => {
    const major = nodeMajor(baseImage(finalStage[0]!));
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; engines?: { node?: string } }>;
    };
    // The newest release of the line must satisfy each range; a range semver cannot read counts.
    const newest = `${major}.99.99`;
    const refused = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.dev && entry.engines?.node)
      .filter(([, entry]) => !semver.satisfies(newest, entry.engines!.node!))
      .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')} wants ${entry.engines!.node}`);
    expect(refused).toEqual([]);
  });
});

describe('Node versions', () => {
  it('this process runs a Node that package.json "engines" admits (CI runs on what the README promises)', () => {
    expect({ node: process.version, admitted: semver.satisfies(process.version, ENGINES) }).toEqual({
      node: process.version,
      admitted: true,
    });
  });

  it('states in the README the same supported versions as "engines" and the image', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`\`${ENGINES}\``);
    expect(readme).toContain(`\`${baseImage(finalStage[0]!)}\``);
  });

  it('states the same range in every package.json "engines" and in the README of each published package', () => {
    const published = ['libs/client', 'apps/cli'].map((dir) => {
      const manifest = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as {
        engines?: { node?: string };
      };
      const readme = readFileSync(join(REPO_ROOT, dir, 'README.md'), 'utf8');
      return { dir, engines: manifest.engines?.node, readmeStatesIt: readme.includes(`\`${ENGINES}\``) };
    });
    expect(published).toEqual([
      { dir: 'libs/client', engines: ENGINES, readmeStatesIt: true },
      { dir: 'apps/cli', engines: ENGINES, readmeStatesIt: true },
    ]);
  });

  it('loads the ESM-only dependencies that ask for Node 22 and uses them as the servers do', () => {
    // A child process, not jest's module loader: require() of an ES module is what Node 20.19+
    // itself does for light-my-request (cookie) and @fastify/static (content-disposition).
    const script = `
      const { stringifySetCookie } = require('cookie');
      const { create } = require('content-disposition');
      import('file-type').then(async ({ fileTypeFromBuffer }) => {
        const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
        console.log(JSON.stringify({
          cookie: stringifySetCookie({ name: 'sid', value: 'a b', httpOnly: true }),
          disposition: create('résumé.txt'),
          fileType: await fileTypeFromBuffer(png),
        }));
      });`;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({
      cookie: 'sid=a%20b; HttpOnly',
      disposition: `attachment; filename="r?sum?.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt`,
      fileType: { ext: 'png', mime: 'image/png' },
    });
  });
});

describe('docker/compose.yaml', () => {
  it('has the production-like stack', () => {
    expect(Object.keys(SERVICES).sort()).toEqual([
      'admin-service',
      'config-service-1',
      'config-service-2',
      'consul',
      'meta-server',
      'migrate',
      'mysql',
      'redis',
    ]);
  });

  it('builds every Houston service from docker/Dockerfile and runs a command that exists', () => {
    for (const [name, service] of houstonServices) {
      expect({ name, build: service.build }).toEqual({
        name,
        build: { context: '..', dockerfile: 'docker/Dockerfile' },
      });
      const command = service.command!.join(' ');
      const script = /^node dist\/(.+)\.js$/.exec(command)?.[1];
      expect({ name, source: existsSync(join(REPO_ROOT, `${script}.ts`)) }).toEqual({ name, source: true });
    }
  });

  it('gives the admin-service a service token, without which it refuses every call', () => {
    const admin = houstonServices.find(([name]) => name === 'admin-service')![1];
    expect(admin.environment!['HOUSTON_ADMIN_TOKENS']).toBeTruthy();
  });

  it('gives each server an environment its own env schema accepts', () => {
    const problems = houstonServices.flatMap(([name, service]) => {
      if (name === 'migrate') {
        // `npm run migrate` reads HOUSTON_DB_URL only.
        expect(Object.keys(service.environment!)).toEqual(['HOUSTON_DB_URL']);
        loadEnv({ HOUSTON_DB_URL: RUNTIME_ENV.HOUSTON_DB_URL }, service.environment!);
        return [];
      }
      const app = appOfCommand(service.command!);
      return 'app' in app ? envProblems(app.app, service.environment!) : [app.problem];
    });
    expect(problems).toEqual([]);
  });

  it('migrates the schema once, before any server starts', () => {
    expect(SERVICES['migrate']!.depends_on).toEqual({ mysql: { condition: 'service_healthy' } });
    for (const [name, service] of houstonServices.filter(([name]) => name !== 'migrate')) {
      expect({ name, migrate: service.depends_on?.['migrate'] }).toEqual({
        name,
        migrate: { condition: 'service_completed_successfully' },
      });
      expect({ name, skip: service.environment!['HOUSTON_DB_SKIP_MIGRATIONS'] }).toEqual({
        name,
        skip: 'true',
      });
    }
  });

  it('points every server at services of the stack, and registers each under its own name', () => {
    for (const [name, service] of houstonServices) {
      const env = service.environment!;
      for (const variable of ['HOUSTON_DB_URL', 'HOUSTON_REDIS_URL', 'HOUSTON_CONSUL_URL']) {
        if (!env[variable]) continue;
        const host = new URL(env[variable]).hostname;
        expect({ name, variable, host, known: host in SERVICES }).toEqual({
          name,
          variable,
          host,
          known: true,
        });
      }
      if (name !== 'migrate') expect(env['HOUSTON_ADVERTISED_HOST']).toBe(name);
    }
    expect(SERVICES['mysql']!.depends_on).toBeUndefined();
  });

  it('publishes each host port once', () => {
    const published = Object.values(SERVICES).flatMap((service) =>
      (service.ports ?? []).map((port) => port.split(':')[0]),
    );
    expect(new Set(published).size).toBe(published.length);
  });

  const composeProblem = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).error
    ? 'docker-compose is not on PATH (apt-get install docker-compose)'
    : undefined;
  if (composeProblem && !REAL_SERVICES_REQUIRED) {
    process.stderr.write(`compose schema not checked: ${composeProblem}. CI fails instead.\n`);
  }
  (composeProblem && !REAL_SERVICES_REQUIRED ? it.skip : it)(
    'passes the Compose schema (docker-compose config, no engine needed)',
    () => {
      if (composeProblem) throw new Error(`${composeProblem}; HOUSTON_REQUIRE_REAL_SERVICES=1 requires it`);
      const result = spawnSync('docker-compose', ['-f', COMPOSE_PATH, 'config', '--quiet'], {
        encoding: 'utf8',
      });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    },
  );
});
