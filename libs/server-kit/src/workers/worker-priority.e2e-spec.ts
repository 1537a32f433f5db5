import { readdirSync, readFileSync } from 'node:fs';
import { WorkerDocumentChecker } from '../documents/document-checker';
import { WorkerJsonBodyParser } from '../http/worker-json-body-parser';
import { WORKER_THREAD_NICE } from './lower-thread-priority';

// Runs the built workers (dist/), like the servers do: `npm run build` first. Linux only: reads
// each thread's nice value from /proc.

/** A thread's nice value (field 19 of its stat; the command name before may hold spaces). */
function niceOf(tid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  } catch {
    return undefined; // the thread ended meanwhile
  }
}

/** Threads of this process at the given nice value. */
function threadsAtNice(nice: number): number {
  return readdirSync('/proc/self/task').filter((tid) => niceOf(tid) === nice).length;
}

describe('parse worker threads', () => {
  const itOnLinux = process.platform === 'linux' ? it : it.skip;

  itOnLinux('run at the lowest CPU priority, so that the event loop wins the core', async () => {
    const before = threadsAtNice(WORKER_THREAD_NICE);
    const bodies = new WorkerJsonBodyParser();
    const documents = new WorkerDocumentChecker({ timeoutMs: 10_000 });
    try {
      await expect(bodies.parse(Buffer.from('{"a":1}'))).resolves.toEqual({ a: 1 });
      await documents.check('yaml', 'a: 1\n');
      expect(threadsAtNice(WORKER_THREAD_NICE)).toBe(before + 2);
      // The event loop's own thread keeps its priority.
      expect(niceOf(String(process.pid))).not.toBe(WORKER_THREAD_NICE);
    } finally {
      await bodies.close();
      await documents.close();
    }
  });
});
