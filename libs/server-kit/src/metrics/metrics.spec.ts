import { Registry } from 'prom-client';
import { LatencyHistogram } from './latency-histogram';
import { registerPulledMetric } from './pulled-metric';

describe('metrics kept in plain fields, rendered at scrape time', () => {
  it('renders a latency histogram as cumulative buckets with sum and count, per label set', async () => {
    const registry = new Registry();
    const histogram = new LatencyHistogram('test_seconds', 'test', [0.1, 1]).register(registry);
    const fast = histogram.series({ route: '/a' });
    fast.observe(0.05);
    fast.observe(0.5);
    histogram.observe({ route: '/b' }, 5);
    expect(histogram.series({ route: '/a' })).toBe(fast);

    const text = await registry.metrics();
    expect(text).toContain('# TYPE test_seconds histogram');
    expect(text).toContain('test_seconds_bucket{route="/a",le="0.1"} 1');
    expect(text).toContain('test_seconds_bucket{route="/a",le="1"} 2');
    expect(text).toContain('test_seconds_bucket{route="/a",le="+Inf"} 2');
    expect(text).toContain('test_seconds_sum{route="/a"} 0.55');
    expect(text).toContain('test_seconds_count{route="/a"} 2');
    expect(text).toContain('test_seconds_bucket{route="/b",le="1"} 0');
    expect(text).toContain('test_seconds_bucket{route="/b",le="+Inf"} 1');
  });

  it('reads a pulled counter when scraped, with or without labels', async () => {
    const registry = new Registry();
    const stats = { hits: 0, misses: 0 };
    registerPulledMetric(registry, {
      name: 'test_cache_total',
      help: 'test',
      type: 'counter',
      read: () => [
        { labels: { result: 'hit' }, value: stats.hits },
        { labels: { result: 'miss' }, value: stats.misses },
      ],
    });
    registerPulledMetric(registry, { name: 'test_held', help: 'test', type: 'gauge', read: () => 7 });
    stats.hits = 3;
    stats.misses = 1;
    const text = await registry.metrics();
    expect(text).toContain('# TYPE test_cache_total counter');
    expect(text).toContain('test_cache_total{result="hit"} 3');
    expect(text).toContain('test_cache_total{result="miss"} 1');
    expect(text).toContain('test_held 7');
  });
});
