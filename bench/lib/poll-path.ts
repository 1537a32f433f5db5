/** `/notifications/v2` for one namespace, holding at `notificationId`. */
export function pollPath(appId: string, notificationId: number, namespace = 'application'): string {
  const query = new URLSearchParams({
    appId,
    cluster: 'default',
    notifications: JSON.stringify([{ namespaceName: namespace, notificationId }]),
  });
  return `/notifications/v2?${query}`;
}
