// jsdom has no MessageChannel; antd's forms post one message to run a task after the current one.
// A suite that submits antd forms calls this in its body, after its imports: React's scheduler,
// loaded by those imports, has by then chosen its timers, and keeps them.
class TaskChannel {
  readonly port1: { onmessage: ((event: { data: unknown }) => void) | null } = { onmessage: null };
  readonly port2 = { postMessage: (data: unknown) => setTimeout(() => this.port1.onmessage?.({ data }), 0) };
}

export function provideMessageChannel(): void {
  (globalThis as { MessageChannel?: unknown }).MessageChannel ??= TaskChannel;
}
