import { Controller, Injectable, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { ConfigChangeEvent } from '@houston/client';
import { HoustonClient } from '@houston/client';
import { HOUSTON_CLIENT } from './houston.constants';
import { HoustonConfigService } from './houston-config.service';
import { HoustonModule } from './houston.module';
import { HoustonValue } from './houston-value.decorator';
import { OnConfigChange } from './on-config-change.decorator';
import { InMemoryConfigService } from './test-support/in-memory-config-service';

const silent = { info: () => undefined, warn: () => undefined };

@Injectable()
class Settings {
  @HoustonValue('timeout', 100) timeout!: number;
  @HoustonValue('feature.on', false) featureOn!: boolean;
  @HoustonValue('greeting') greeting?: string;
  @HoustonValue('hosts', []) hosts!: string[];
  @HoustonValue('limits', { max: 1 }) limits!: { max: number };
  @HoustonValue('db.url', 'sqlite', { namespace: 'db' }) dbUrl!: string;
  @HoustonValue('port', 0, { type: 'string' }) portText!: string;
}

@Injectable()
class Watcher {
  all: ConfigChangeEvent[] = [];
  feature: ConfigChangeEvent[] = [];
  db: ConfigChangeEvent[] = [];
  regex: ConfigChangeEvent[] = [];

  @OnConfigChange()
  onAny(event: ConfigChangeEvent) {
    this.all.push(event);
  }

  @OnConfigChange('application', 'feature.*')
  onFeature(event: ConfigChangeEvent) {
    this.feature.push(event);
  }

  @OnConfigChange('db')
  onDb(event: ConfigChangeEvent) {
    this.db.push(event);
  }

  @OnConfigChange(undefined, /^time/)
  async onTime(event: ConfigChangeEvent) {
    this.regex.push(event);
    throw new Error('a failing handler is logged, not fatal');
  }
}

@Controller()
class StatusController {
  @HoustonValue('greeting', 'hi') greeting!: string;
}

@Module({ providers: [Settings, Watcher], controllers: [StatusController] })
class FeatureModule {}

describe('HoustonModule', () => {
  let server: InMemoryConfigService;
  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    server = new InMemoryConfigService();
    server.publish('application', { timeout: '250', 'feature.on': 'yes', hosts: 'a,b', limits: '{"max":5}' });
    server.publish('db', { 'db.url': 'mysql://x' });
  });

  const options = () => ({
    appId: 'demo',
    configServiceUrl: 'http://houston.test',
    namespaces: ['application', 'db'],
    fetch: server.fetch,
    logger: silent,
  });

  it('binds @HoustonValue fields and keeps them current', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HoustonModule.forRoot(options()), FeatureModule],
    }).compile();
    await moduleRef.init();
    const settings = moduleRef.get(Settings);
    expect(settings.timeout).toBe(250);
    expect(settings.featureOn).toBe(true);
    expect(settings.greeting).toBeUndefined();
    expect(settings.hosts).toEqual(['a', 'b']);
    expect(settings.limits).toEqual({ max: 5 });
    expect(settings.dbUrl).toBe('mysql://x');
    expect(moduleRef.get(StatusController).greeting).toBe('hi');
    expect(() => (settings.timeout = 1)).toThrow(/bound to Houston key 'timeout'/);

    const client = moduleRef.get<HoustonClient>(HOUSTON_CLIENT);
    const changed = new Promise((resolve) => client.once('change', resolve));
    server.publish('application', { timeout: '300', 'feature.on': 'off', greeting: 'hello', hosts: 'c' });
    await changed;
    expect(settings.timeout).toBe(300);
    expect(settings.featureOn).toBe(false);
    expect(settings.greeting).toBe('hello');
    expect(settings.hosts).toEqual(['c']);
    expect(settings.limits).toEqual({ max: 1 });
    expect(moduleRef.get(StatusController).greeting).toBe('hello');
    await moduleRef.close();
  });

  it('calls @OnConfigChange methods with the changes that match', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HoustonModule.forRoot(options()), FeatureModule],
    }).compile();
    await moduleRef.init();
    const watcher = moduleRef.get(Watcher);
    const client = moduleRef.get<HoustonClient>(HOUSTON_CLIENT);

    // The client calls every change listener in one synchronous dispatch: once this one has the
    // event, each @OnConfigChange handler has had it (or has been passed over) too.
    let changed = new Promise((resolve) => client.once('change', resolve));
    server.publish('application', {
      timeout: '1',
      'feature.on': 'yes',
      'feature.new': 'x',
      hosts: 'a,b',
      limits: '{"max":5}',
    });
    await changed;
    expect(watcher.all).toHaveLength(1);
    expect(watcher.feature).toHaveLength(1);
    expect(watcher.feature[0]!.changes).toEqual([{ key: 'feature.new', type: 'added', newValue: 'x' }]);
    expect(watcher.regex[0]!.changes.map((c) => c.key)).toEqual(['timeout']);
    expect(watcher.db).toHaveLength(0);

    changed = new Promise((resolve) => client.once('change', resolve));
    server.publish('db', { 'db.url': 'mysql://y' });
    await changed;
    expect(watcher.db).toHaveLength(1);
    expect(watcher.feature).toHaveLength(1); // nothing under feature.* changed
    expect(watcher.all).toHaveLength(2);
    await moduleRef.close();
  });

  it('creates the client from forRootAsync, exposes HoustonConfigService, and closes the client on shutdown', async () => {
    @Injectable()
    class OptionsSource {
      appId = 'demo';
    }
    @Module({ providers: [OptionsSource], exports: [OptionsSource] })
    class OptionsModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        HoustonModule.forRootAsync({
          imports: [OptionsModule],
          inject: [OptionsSource],
          useFactory: (source: OptionsSource) => ({ ...options(), appId: source.appId }),
        }),
      ],
    }).compile();
    await moduleRef.init();
    const config = moduleRef.get(HoustonConfigService);
    expect(config.getNumber('timeout')).toBe(250);
    expect(config.getString('missing', 'd')).toBe('d');
    expect(config.getBoolean('feature.on')).toBe(true);
    expect(config.getArray('hosts')).toEqual(['a', 'b']);
    expect(config.getJson('limits')).toEqual({ max: 5 });
    expect(config.namespace('db').getString('db.url')).toBe('mysql://x');
    expect(config.client).toBeInstanceOf(HoustonClient);
    const close = jest.spyOn(config.client, 'close');
    await moduleRef.close();
    expect(close).toHaveBeenCalled();
  });

  it('fails to start when the configuration cannot be loaded', async () => {
    const moduleRef = Test.createTestingModule({
      imports: [
        HoustonModule.forRoot({
          ...options(),
          fetch: (async () => Promise.reject(new Error('down'))) as typeof fetch,
        }),
      ],
    });
    await expect(moduleRef.compile()).rejects.toThrow(/cannot load namespace/);
  });
});
