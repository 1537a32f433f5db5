import type { InstanceSighting } from '@houston/persistence';
import type { ReleaseSnapshot } from '../releases/release-snapshot';
import { InstanceSightings, recordedLabel } from './instance-sightings';
import type { InstanceTracker } from './instance-tracker';

const RELEASE = {
  appId: 'orders',
  clusterName: 'default',
  namespaceName: 'application',
  releaseKey: 'r1',
} as ReleaseSnapshot;

function sightingsOf(label: string | undefined): InstanceSighting[] {
  const recorded: InstanceSighting[] = [];
  const sightings = new InstanceSightings({
    record: (s: InstanceSighting) => void recorded.push(s),
  } as unknown as InstanceTracker);
  sightings.sawRead({ appId: 'orders', cluster: 'default', label }, undefined, '10.0.0.1', [RELEASE]);
  return recorded;
}

describe('InstanceSightings', () => {
  it('records the label a client read with, and none when it sent none', () => {
    expect(sightingsOf('blue').map((s) => s.label)).toEqual(['blue']);
    expect(sightingsOf(undefined).map((s) => s.label)).toEqual(['']);
  });

  it('records no label longer than a gray rule may name, rather than one cut short', () => {
    expect(recordedLabel('x'.repeat(64))).toBe('x'.repeat(64));
    expect(sightingsOf('x'.repeat(65)).map((s) => s.label)).toEqual(['']);
  });
});
