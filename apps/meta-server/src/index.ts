export { META_SERVER_ENV, type MetaServerEnv } from './meta-server.env';
export { MetaServerModule, type MetaServerOptions } from './meta-server.module';
export { startMetaServer } from './start-meta-server';
