// The baseline for the read benchmark: a bare Fastify server, in its own process like Houston,
// answering recorded requests with exactly the status, content type and bytes Houston sent.
// Usage: node dist/bench/bare-server.js <routes.json> <port>
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';

interface Recorded {
  status: number;
  contentType?: string;
  body: string;
}

const [routesFile, port] = process.argv.slice(2);
const routes = JSON.parse(readFileSync(routesFile!, 'utf8')) as Record<string, Recorded>;
const app = Fastify({ logger: false });

app.get('/__ready', async () => 'ok');
app.get('/*', (request, reply) => {
  const recorded = routes[request.url];
  if (!recorded) return reply.status(404).send();
  if (recorded.contentType) void reply.header('content-type', recorded.contentType);
  return reply.status(recorded.status).send(recorded.status === 304 ? undefined : recorded.body);
});

await app.listen({ host: '127.0.0.1', port: Number(port) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
