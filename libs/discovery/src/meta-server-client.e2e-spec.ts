import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetaServerClient } from './meta-server-client';

interface TinyServer {
  url: string;
  hits: string[];
  close: () => Promise<void>;
}

const servers: Server[] = [];

async function tinyServer(handler: RequestListener): Promise<TinyServer> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    handler(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A URL nothing listens on: the port of a server that has just closed. */
async function deadUrl(): Promise<string> {
  const server = await tinyServer(() => undefined);
  await server.close();
  return server.url;
}

const configService = {
  appName: 'houston-configservice',
  instanceId: 'config-1',
  homepageUrl: 'http://127.0.0.1:8080/',
};
const adminService = {
  appName: 'houston-adminservice',
  instanceId: 'admin-1',
  homepageUrl: 'http://127.0.0.1:8090/',
};

function metaServer(): RequestListener {
  return (request, response) => {
    const body =
      request.url === '/services/config'
        ? [configService]
        : request.url === '/services/admin'
          ? [adminService]
          : null;
    response
      .writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' })
      .end(JSON.stringify(body ?? {}));
  };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

describe('MetaServerClient', () => {
  it('asks the first meta-server for config and admin services', async () => {
    const meta = await tinyServer(metaServer());
    const client = new MetaServerClient({ metaServerUrls: [`${meta.url}/`] });
    await expect(client.configServices()).resolves.toEqual([configService]);
    await expect(client.adminServices()).resolves.toEqual([adminService]);
    expect(meta.hits).toEqual(['/services/config', '/services/admin']);
  });

  it('fails over to the second meta-server when the first is down', async () => {
    const second = await tinyServer(metaServer());
    const client = new MetaServerClient({ metaServerUrls: [await deadUrl(), second.url] });
    await expect(client.configServices()).resolves.toEqual([configService]);
  });

  it('fails over on an error status and then keeps asking the one that answered', async () => {
    const broken = await tinyServer((_request, response) => response.writeHead(503).end('warming up'));
    const healthy = await tinyServer(metaServer());
    const client = new MetaServerClient({ metaServerUrls: [broken.url, healthy.url] });
    await expect(client.configServices()).resolves.toEqual([configService]);
    await expect(client.adminServices()).resolves.toEqual([adminService]);
    expect(broken.hits).toEqual(['/services/config']);
    expect(healthy.hits).toEqual(['/services/config', '/services/admin']);
  });

  it('fails over when a meta-server does not answer in time', async () => {
    const silent = await tinyServer(() => undefined);
    const healthy = await tinyServer(metaServer());
    const client = new MetaServerClient({ metaServerUrls: [silent.url, healthy.url], timeoutMs: 200 });
    await expect(client.configServices()).resolves.toEqual([configService]);
  });

  it('accepts comma-separated meta-server lists, as Apollo settings write them', async () => {
    const healthy = await tinyServer(metaServer());
    const client = new MetaServerClient({ metaServerUrls: [`${await deadUrl()}, ${healthy.url}`] });
    await expect(client.configServices()).resolves.toEqual([configService]);
  });

  it('throws one error naming every meta-server when none answers', async () => {
    const dead = await deadUrl();
    const garbled = await tinyServer((_request, response) => response.writeHead(200).end('<html>'));
    const client = new MetaServerClient({ metaServerUrls: [dead, garbled.url] });
    const failure = client.configServices();
    await expect(failure).rejects.toBeInstanceOf(AggregateError);
    await expect(failure).rejects.toThrow(`${dead}/services/config`);
    await expect(failure).rejects.toThrow(`${garbled.url}/services/config: answer is not JSON`);
  });

  it('rejects answers that are not lists of services', async () => {
    const odd = await tinyServer((_request, response) =>
      response.writeHead(200).end(JSON.stringify([{ appName: 'x' }])),
    );
    const client = new MetaServerClient({ metaServerUrls: [odd.url] });
    await expect(client.configServices()).rejects.toThrow(/entry 0 lacks appName, instanceId or homepageUrl/);
  });

  it('needs at least one URL', () => {
    expect(() => new MetaServerClient({ metaServerUrls: [' , '] })).toThrow(/at least one/);
  });
});
