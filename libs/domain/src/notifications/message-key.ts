/** The ReleaseMessage content Apollo writes on every publish: `appId+cluster+namespace`. */
export function messageKey(appId: string, cluster: string, namespace: string): string {
  return `${appId}+${cluster}+${namespace}`;
}

/** App ids, clusters and namespaces cannot contain '+', so a valid key splits into exactly three parts. */
export function parseMessageKey(key: string): { appId: string; cluster: string; namespace: string } | null {
  const parts = key.split('+');
  if (parts.length !== 3 || parts.some((part) => part.length === 0)) return null;
  const [appId, cluster, namespace] = parts as [string, string, string];
  return { appId, cluster, namespace };
}
