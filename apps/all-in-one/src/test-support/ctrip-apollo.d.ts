// The off-the-shelf Node Apollo client used to prove protocol compatibility; it ships no types.
declare module 'ctrip-apollo' {
  import type { EventEmitter } from 'node:events';

  interface ApolloNamespace extends EventEmitter {
    ready(): Promise<ApolloNamespace>;
    get(key: string): string | undefined;
    config(): Record<string, string>;
  }
  interface ApolloCluster {
    namespace(name?: string): ApolloNamespace;
    enableUpdateNotification(enable: boolean): ApolloCluster;
  }
  interface ApolloApplication {
    cluster(name?: string): ApolloCluster;
  }
  interface ApolloOptions {
    host: string;
    appId: string;
    enableUpdateNotification?: boolean;
    fetchCachedConfig?: boolean;
    fetchTimeout?: number;
  }
  function apollo(options: ApolloOptions): ApolloApplication;
  export default apollo;
}
