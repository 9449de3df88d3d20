import type { StreamEvent } from '../../providers/types.js';

/** One model call on the progress board. */
export interface ProgressLine {
  /** Pass as ModelRequest.onStream: counts characters and takes the token counts the stream reports. */
  onStream(event: StreamEvent): void;
  /** Milliseconds since the line started. */
  elapsedMs(): number;
  /** The tokens so far as the line shows them (`131 tokens`, `~1.2k tokens`, or '' before any delta). */
  tokens(): string;
  /** Removes the line; prints `finalLine` when given (on a TTY or not). */
  stop(finalLine?: string): void;
}

/** Every model call in flight, one line each (two reviews in parallel: two lines). */
export interface ProgressBoard {
  start(label: string): ProgressLine;
}

/** What the board writes to, and its clock; injected for tests. */
export interface ProgressOptions {
  stream: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };
  /** Redraw in place; defaults to the stream being a TTY. Off: only each call's final line. */
  enabled?: boolean;
  /** Writes a call's final line (a newline is added); defaults to the stream. */
  writeLine?: (line: string) => void;
  intervalMs?: number;
  now?: () => number;
  setInterval?: (callback: () => void, milliseconds: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Characters per token for the estimate shown before the provider reports a count. */
const CHARACTERS_PER_TOKEN = 4;

/** `812`, `1.2k`, `3.4M`. */
export function compactCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `${(count / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

/** `0.4s`, `12s`, `2m05s`. */
export function elapsedText(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  if (seconds < 60) return `${Math.floor(seconds)}s`;
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

interface LineState {
  label: string;
  startedAt: number;
  characters: number;
  /** Output tokens the provider reported, and whether no delta came since (so the count is current). */
  reported?: number;
  reportedIsCurrent: boolean;
}

/**
 * Tokens so far: the provider's count when it reported one after the last delta, otherwise an
 * estimate from the characters received, marked with `~`.
 */
export function tokensSoFar(state: Pick<LineState, 'characters' | 'reported' | 'reportedIsCurrent'>): string {
  if (state.reported !== undefined && state.reportedIsCurrent)
    return `${compactCount(state.reported)} tokens`;
  if (state.characters === 0) return '';
  return `~${compactCount(Math.ceil(state.characters / CHARACTERS_PER_TOKEN))} tokens`;
}

/**
 * A progress board on stderr. On a TTY it redraws one line per call in flight,
 * `⠋ Cloud Architect is working · 12s · ~1.2k tokens`, in place; when the stream is not a TTY
 * (CI, pipes, --json) it prints nothing but each call's final line.
 */
export function createProgressBoard(options: ProgressOptions): ProgressBoard {
  const enabled = options.enabled ?? Boolean(options.stream.isTTY);
  const now = options.now ?? Date.now;
  const start =
    options.setInterval ??
    ((callback, milliseconds) => {
      const handle = setInterval(callback, milliseconds);
      handle.unref();
      return handle;
    });
  const clear =
    options.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));
  const active: LineState[] = [];
  let drawn = 0;
  let frame = 0;
  let timer: unknown;

  const render = (state: LineState): string => {
    const parts = [`${FRAMES[frame % FRAMES.length]} ${state.label}`, elapsedText(now() - state.startedAt)];
    const tokens = tokensSoFar(state);
    if (tokens) parts.push(tokens);
    const line = parts.join(' · ');
    const width = Math.max(20, (options.stream.columns ?? 80) - 1);
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  };
  /** Moves back over the lines drawn last time and clears them. */
  const erase = (): string => (drawn > 0 ? `\r\u001b[${drawn}F\u001b[J` : '');
  const writeLine = options.writeLine ?? ((line: string) => options.stream.write(`${line}\n`));
  const draw = (finalLine?: string) => {
    if (!enabled) {
      if (finalLine !== undefined) writeLine(finalLine);
      return;
    }
    if (finalLine !== undefined) {
      options.stream.write(erase());
      drawn = 0;
      writeLine(finalLine);
    }
    const lines = active.map((state) => `${render(state)}\n`).join('');
    const frameText = `${erase()}${lines}`;
    if (frameText) options.stream.write(frameText);
    drawn = active.length;
    frame += 1;
  };

  return {
    start(label) {
      const state: LineState = { label, startedAt: now(), characters: 0, reportedIsCurrent: false };
      active.push(state);
      if (enabled && timer === undefined) timer = start(() => draw(), options.intervalMs ?? 100);
      draw();
      let stopped = false;
      return {
        onStream(event) {
          if (event.kind === 'delta') {
            state.characters += event.characters;
            state.reportedIsCurrent = false;
          } else if (event.outputTokens) {
            // A count of 0 (a scripted replay, a server that sends no usage) says nothing: keep the estimate.
            state.reported = event.outputTokens;
            state.reportedIsCurrent = true;
          }
        },
        elapsedMs: () => now() - state.startedAt,
        tokens: () => tokensSoFar(state),
        stop(finalLine) {
          if (stopped) return;
          stopped = true;
          active.splice(active.indexOf(state), 1);
          if (active.length === 0 && timer !== undefined) {
            clear(timer);
            timer = undefined;
          }
          draw(finalLine);
        },
      };
    },
  };
}
