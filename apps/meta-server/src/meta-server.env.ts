import { envPort, type EnvValues } from '@houston/server-kit';

export const META_SERVER_ENV = {
  HOUSTON_META_PORT: envPort({ description: 'meta-server port (0 = any free port)', default: 8060 }),
};

export type MetaServerEnv = EnvValues<typeof META_SERVER_ENV>;
