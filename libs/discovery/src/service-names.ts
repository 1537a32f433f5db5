/**
 * Registry names of Houston's services. Apollo registers apollo-configservice / apollo-adminservice;
 * Houston keeps its own names so both can share one Consul datacenter without clients mixing them up.
 */
export const SERVICE_NAMES = {
  config: 'houston-configservice',
  admin: 'houston-adminservice',
  meta: 'houston-metaserver',
} as const;

export type HoustonServiceName = (typeof SERVICE_NAMES)[keyof typeof SERVICE_NAMES];
