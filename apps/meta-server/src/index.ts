export { MetaServerModule, type MetaServerOptions } from './meta-server.module';
