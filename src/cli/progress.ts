/** A progress line for one model call: spinner and character count on a TTY, silent otherwise. */
export interface Progress {
  /** Pass as ModelRequest.onText. */
  onText(delta: string): void;
  /** Changes the label, e.g. "architect: reviewing". */
  update(label: string): void;
  /** Clears the line; prints `finalLine` when given (on a TTY or not). */
  stop(finalLine?: string): void;
}

/** What the progress line writes to, and its clock; injected for tests. */
export interface ProgressOptions {
  stream: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };
  label: string;
  /** Force on or off; defaults to the stream being a TTY. */
  enabled?: boolean;
  intervalMs?: number;
  setInterval?: (callback: () => void, milliseconds: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Starts a progress line. On a TTY it redraws `⠋ label · 1,234 chars` in place; when the
 * stream is not a TTY (CI, pipes, --json) it prints nothing but the final line.
 */
export function startProgress(options: ProgressOptions): Progress {
  const enabled = options.enabled ?? Boolean(options.stream.isTTY);
  let label = options.label;
  let characters = 0;
  let frame = 0;
  let stopped = false;
  const draw = () => {
    if (!enabled || stopped) return;
    const count = characters > 0 ? ` · ${characters.toLocaleString('en-US')} chars` : '';
    const line = `${FRAMES[frame % FRAMES.length]} ${label}${count}`;
    const width = Math.max(20, (options.stream.columns ?? 80) - 1);
    options.stream.write(`\r\u001b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    frame += 1;
  };
  const start = options.setInterval ?? ((callback, milliseconds) => setInterval(callback, milliseconds));
  const clear =
    options.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));
  const timer = enabled ? start(draw, options.intervalMs ?? 80) : undefined;
  draw();
  return {
    onText(delta) {
      characters += delta.length;
    },
    update(next) {
      label = next;
      draw();
    },
    stop(finalLine) {
      if (stopped) return;
      stopped = true;
      if (timer !== undefined) clear(timer);
      if (enabled) options.stream.write('\r\u001b[2K');
      if (finalLine !== undefined) options.stream.write(`${finalLine}\n`);
    },
  };
}
