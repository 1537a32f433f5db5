/** What config-service keeps of a release: enough to answer clients without the database. */
export interface ReleaseSnapshot {
  id: number;
  releaseKey: string;
  appId: string;
  clusterName: string;
  namespaceName: string;
  configurations: Readonly<Record<string, string>>;
}
