// In the page: frames (requestAnimationFrame), long tasks and WebSocket messages, each with its time,
// kept from the first script on; and the UI figures over a window of page time. Only reads the page.
import type { Page } from '@playwright/test';
import { latencyFigures, newLatencyHistogram, recordLatencyMs } from '../../src-main/metrics/latency-figures';
import { round1 } from './numbers';

/** Plain JS text, so nothing of the TS build leaks into the page. */
export const PROBE_SCRIPT = `(() => {
  const frames = [];
  const longTasks = [];
  const messages = [];
  const loop = (t) => { frames.push(t); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {
    console.warn('bench:ui: no longtask observer', error);
  }
  const NativeWebSocket = window.WebSocket;
  const pattern = /^\\{"type":"(event|reply)"(?:,"channel":"([^"]+)")?/;
  class CountingWebSocket extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        const text = typeof event.data === 'string' ? event.data : '';
        const match = pattern.exec(text.slice(0, 120));
        const kind = match ? (match[1] === 'reply' ? 'reply' : match[2] || 'event') : 'other';
        messages.push([performance.now(), kind, text.length]);
      });
    }
  }
  window.WebSocket = CountingWebSocket;
  window.__benchUi = { frames, longTasks, messages };
})();`;

interface ProbeData {
  frames: number[];
  longTasks: [number, number][];
  messages: [number, string, number][];
  domNodes: number;
  orderRows: number;
}

export interface UiFigures {
  durationMs: number;
  frames: number;
  fps: number;
  frameIntervalMs: { p50: number; p99: number; max: number };
  framesOver50Ms: number;
  longTasks: { count: number; totalMs: number; longestMs: number };
  wsMessagesPerSecond: number;
  wsKilobytesPerSecond: number;
  /** Messages per second by channel ('reply' for replies to the page's own invokes). */
  wsPerChannelPerSecond: Record<string, number>;
  /** The window in four equal slices, to show a trend (e.g. work growing with the orders table). */
  quarters: { longTaskMs: number[]; framesOver50Ms: number[]; frameP99Ms: number[] };
  domNodes: number;
  ordersTableRows: number;
}

/** The page's clock (performance.now()), which the probe's times are in. */
export async function pageNow(page: Page): Promise<number> {
  return page.evaluate('performance.now()') as Promise<number>;
}

/** The figures of the page time window [from, to]. */
export async function uiFigures(page: Page, from: number, to: number): Promise<UiFigures> {
  const data = (await page.evaluate(`(() => {
    const probe = window.__benchUi;
    const inside = (t) => t >= ${from} && t <= ${to};
    return {
      frames: probe.frames.filter(inside),
      longTasks: probe.longTasks.filter((task) => inside(task[0])),
      messages: probe.messages.filter((message) => inside(message[0])),
      domNodes: document.getElementsByTagName('*').length,
      orderRows: document.querySelectorAll('table[aria-label="Orders"] tbody tr').length,
    };
  })()`)) as ProbeData;
  const seconds = (to - from) / 1000;
  // Each interval is stamped with the frame that ended it.
  const stamped = data.frames.slice(1).map((t, i): [number, number] => [t, t - (data.frames[i] as number)]);
  const quarter = (t: number): number => Math.min(3, Math.floor(((t - from) * 4) / (to - from)));
  const quarters = { longTaskMs: [0, 0, 0, 0], framesOver50Ms: [0, 0, 0, 0], frameP99Ms: [0, 0, 0, 0] };
  // Frame intervals are latencies: percentiles from the repo's HdrHistogram (µs), shown to 0.1 ms.
  const all = newLatencyHistogram();
  const byQuarter = [newLatencyHistogram(), newLatencyHistogram(), newLatencyHistogram(), newLatencyHistogram()];
  let over50 = 0;
  for (const [t, ms] of stamped) {
    recordLatencyMs(all, ms);
    const inQuarter = byQuarter[quarter(t)];
    if (inQuarter) recordLatencyMs(inQuarter, ms);
    if (ms > 50) {
      over50 += 1;
      addAt(quarters.framesOver50Ms, quarter(t), 1);
    }
  }
  const frameMs = latencyFigures(all);
  quarters.frameP99Ms = byQuarter.map((histogram) => round1(latencyFigures(histogram).p99));
  for (const [t, ms] of data.longTasks) addAt(quarters.longTaskMs, quarter(t), ms);
  quarters.longTaskMs = quarters.longTaskMs.map((ms) => Math.round(ms));
  const perChannel: Record<string, number> = {};
  let bytes = 0;
  for (const [, kind, length] of data.messages) {
    perChannel[kind] = (perChannel[kind] ?? 0) + 1;
    bytes += length;
  }
  const perSecond = Object.fromEntries(
    Object.entries(perChannel)
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => [kind, Math.round((n * 100) / seconds) / 100]),
  );
  const taskMs = data.longTasks.map((task) => task[1]);
  return {
    durationMs: Math.round(to - from),
    frames: data.frames.length,
    fps: round1(data.frames.length / seconds),
    frameIntervalMs: { p50: round1(frameMs.p50), p99: round1(frameMs.p99), max: round1(frameMs.max) },
    framesOver50Ms: over50,
    longTasks: { count: taskMs.length, totalMs: Math.round(taskMs.reduce((a, b) => a + b, 0)), longestMs: Math.round(Math.max(0, ...taskMs)) },
    wsMessagesPerSecond: round1(data.messages.length / seconds),
    wsKilobytesPerSecond: round1(bytes / 1024 / seconds),
    wsPerChannelPerSecond: perSecond,
    quarters,
    domNodes: data.domNodes,
    ordersTableRows: data.orderRows,
  };
}

function addAt(values: number[], index: number, amount: number): void {
  values[index] = (values[index] ?? 0) + amount;
}
