import { setPriority } from 'node:os';

/** The lowest priority (nice 19). */
export const WORKER_THREAD_NICE = 19;

/**
 * Gives the calling worker thread the lowest CPU priority. On Linux `setpriority` with pid 0
 * names the calling thread only, so the event loop keeps its own. With two cores, a parse worker
 * busy on a hostile document and the event loop compete for the same core as soon as anything
 * else runs; the event loop, which answers `/health` and every cheap request, must win, and the
 * parse waits instead. Where the system refuses (or has no per-thread priority), nothing changes.
 */
export function lowerThreadPriority(set: (pid: number, priority: number) => void = setPriority): boolean {
  try {
    set(0, WORKER_THREAD_NICE);
    return true;
  } catch {
    return false;
  }
}
