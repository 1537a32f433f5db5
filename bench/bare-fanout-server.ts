// The baseline for the fan-out benchmark: a bare Fastify process, in its own process like Houston,
// holding long polls and answering them all at once with the bytes Houston answered; the follow-up
// reads get Houston's recorded /configs body. No slicing, no lookups: the practical limit of one
// Node process for the same fan-out.
// Usage: node dist/bench/bare-fanout-server.js <recorded.json> <port>
import Fastify, { type FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';

export interface RecordedBody {
  contentType: string;
  body: string;
}

export interface RecordedFanout {
  /** A 200 of `/notifications/v2`. */
  wakeUp: RecordedBody;
  /** A 200 of `/configs/{app}/{cluster}/{namespace}`. */
  config: RecordedBody;
}

const [recordedFile, port] = process.argv.slice(2);
const recorded = JSON.parse(readFileSync(recordedFile!, 'utf8')) as RecordedFanout;
// Encoded once (Houston encodes a wake-up once per release), not once per reply.
const wakeUp = Buffer.from(recorded.wakeUp.body);
const config = Buffer.from(recorded.config.body);
const app = Fastify({ logger: false });
let held: FastifyReply[] = [];

app.get('/__ready', async () => 'ok');
// Not async: the reply stays open until a release answers it.
app.get('/notifications/v2', (_request, reply) => {
  held.push(reply);
});
app.post('/__release', async () => {
  // The bench times the clients from `startedAt`: this reply only leaves after every wake-up was written.
  const startedAt = Date.now();
  const woken = held;
  held = [];
  for (const reply of woken)
    void reply.status(200).header('content-type', recorded.wakeUp.contentType).send(wakeUp);
  return { woken: woken.length, startedAt, loopMs: Date.now() - startedAt };
});
app.get('/configs/*', (_request, reply) => {
  void reply.status(200).header('content-type', recorded.config.contentType).send(config);
});

await app.listen({ host: '127.0.0.1', port: Number(port) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
