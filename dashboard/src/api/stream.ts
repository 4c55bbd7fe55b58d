/**
 * Reads the API's Server-Sent Events (`/api/v1/stream`) with fetch rather than EventSource,
 * which cannot send the API key header. Reconnects after the stream ends or fails.
 */
import { authHeaders } from './client.js';
import type { InstanceInfo, Queues, SystemMetrics } from './types.js';

export type StreamEvent =
  | { type: 'instance'; data: InstanceInfo }
  | { type: 'metrics'; data: { metrics: SystemMetrics; queues: Queues } };

/** Subscribes; returns the function that stops it. */
export function subscribe(onEvent: (event: StreamEvent) => void, intervalMs = 1000): () => void {
  const controller = new AbortController();
  const run = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(`/api/v1/stream?intervalMs=${intervalMs}`, {
          headers: { accept: 'text/event-stream', ...authHeaders() },
          signal: controller.signal,
        });
        if (!response.ok || response.body === null)
          throw new Error(`stream HTTP ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
            }
            if ((event === 'instance' || event === 'metrics') && data.length > 0) {
              const parsed: unknown = JSON.parse(data.join('\n'));
              onEvent({ type: event, data: parsed } as StreamEvent);
            }
          }
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  void run();
  return () => controller.abort();
}
