import { lowerThreadPriority, WORKER_THREAD_NICE } from './lower-thread-priority';

describe('lowerThreadPriority', () => {
  it('asks for the lowest priority of the calling thread (pid 0)', () => {
    const calls: Array<[number, number]> = [];
    expect(lowerThreadPriority((pid, priority) => calls.push([pid, priority]))).toBe(true);
    expect(calls).toEqual([[0, WORKER_THREAD_NICE]]);
    expect(WORKER_THREAD_NICE).toBe(19);
  });

  it('goes on at the same priority where the system refuses', () => {
    const refuse = () => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EACCES' });
    };
    expect(lowerThreadPriority(refuse)).toBe(false);
  });
});
