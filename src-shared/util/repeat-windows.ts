// Keyed repeat windows, for records a flood must not multiply (log lines, audit rows): the first of
// a key passes at once; later ones within the window are counted and handed on as one summary when
// it closes, and a new window opens only while they keep coming. Owns its timers; drops no count.

/** What a closed window held back: how many, the first of them, and when the first and last came. */
export interface Repeats<T> {
  readonly key: string;
  readonly count: number;
  readonly first: T;
  readonly firstAt: number;
  readonly lastAt: number;
}

interface Window<T> {
  timer: ReturnType<typeof setTimeout>;
  held: { -readonly [K in keyof Repeats<T>]: Repeats<T>[K] } | undefined;
}

export class RepeatWindows<T> {
  private readonly windows = new Map<string, Window<T>>();
  private disposed = false;

  /** `summarise` hears each closed window that held anything back; it must not throw. */
  constructor(
    private readonly windowMs: number,
    private readonly summarise: (repeats: Repeats<T>) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * True when no window is open for `key`: the caller records `item` in full, and a window opens.
   * False when `item` was counted for that window's summary instead.
   */
  admit(key: string, item: T): boolean {
    if (this.disposed) return true;
    const window = this.windows.get(key);
    if (!window) {
      this.open(key);
      return true;
    }
    const at = this.now();
    if (window.held) {
      window.held.count += 1;
      window.held.lastAt = at;
    } else {
      window.held = { key, count: 1, first: item, firstAt: at, lastAt: at };
    }
    return false;
  }

  /** Hands on what the open windows hold, then stops their timers; later items pass in full. */
  dispose(): void {
    this.disposed = true;
    const open = [...this.windows.values()];
    this.windows.clear();
    for (const window of open) {
      clearTimeout(window.timer);
      if (window.held) this.summarise(window.held);
    }
  }

  private open(key: string): void {
    const timer = setTimeout(() => this.close(key), this.windowMs);
    // A pending summary must not keep a closing process alive (Node timers only; browsers have no unref).
    (timer as { unref?: () => void }).unref?.();
    this.windows.set(key, { timer, held: undefined });
  }

  private close(key: string): void {
    const window = this.windows.get(key);
    this.windows.delete(key);
    if (!window?.held) return;
    this.open(key);
    this.summarise(window.held);
  }
}
