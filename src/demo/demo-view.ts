import type { Style } from '../cli/io.js';
import type { GateResult } from '../gate/types.js';
import type { ReviewResult, Task } from '../pipeline/output-schemas.js';
import { sideBySide, wrap } from './columns.js';
import type { DemoEvent } from './demo-events.js';
import type { DemoResult } from './run-demo.js';

/** Colours the view may use: the CLI's own Style (tests pass identity functions). */
export type ViewStyle = Style;

const indent = (lines: string[], by = '  '): string[] => lines.map((line) => (line ? `${by}${line}` : line));
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

/** One review laid out for a column width. */
export function reviewBlock(
  title: string,
  review: ReviewResult,
  style: ViewStyle,
): (width: number) => string[] {
  return (width) => {
    const verdict =
      review.verdict === 'REJECT' ? style.red : review.verdict === 'APPROVE' ? style.green : style.yellow;
    const findings = [...review.findings].sort(
      (left, right) => SEVERITY_ORDER.indexOf(left.severity) - SEVERITY_ORDER.indexOf(right.severity),
    );
    return [
      `${style.bold(title)}: ${verdict(review.verdict)}`,
      ...wrap(review.summary, width),
      ...findings.flatMap((finding) => [
        ...wrap(
          `[${finding.severity}] ${finding.id} ${finding.title}${finding.controls.length ? ` (${finding.controls.join(', ')})` : ''}`,
          width,
        ),
        ...indent(wrap(`→ ${finding.recommendation}`, width - 2)),
      ]),
    ];
  };
}

/** The side-by-side (or stacked) rendering of every review of the spec. */
export function renderReviews(
  reviews: Array<{ persona: string; review: ReviewResult }>,
  terminalWidth: number,
  style: ViewStyle,
): string {
  const header = style.bold(
    `▸ The reviews (${reviews.length}, run in parallel, each saw only the constraints and the spec) ${style.dim('(scripted)')}`,
  );
  const blocks = reviews.map((entry) => reviewBlock(entry.persona, entry.review, style));
  return [header, ...indent(sideBySide(blocks, terminalWidth - 2))].join('\n');
}

const taskLine = (task: Task): string =>
  `${task.id} ${task.title}${task.requirements.length ? ` [${task.requirements.join(', ')}]` : ''} → ${task.files.join(', ')}`;

/** One gate result: status, what ran, the install command, and the blocking findings or the tool's own output. */
export function renderGate(result: GateResult, style: ViewStyle): string {
  const mark =
    result.status === 'passed'
      ? style.green('✓ passed')
      : result.status === 'failed'
        ? style.red('✗ failed')
        : style.yellow('– unavailable');
  const lines = [`  ${style.bold(result.gate)} ${mark}: ${result.summary}`];
  if (result.ran?.length) lines.push(...result.ran.map((entry) => style.dim(`      ran: ${entry}`)));
  if (result.installHint) lines.push(`      install: ${result.installHint}`);
  if (result.status === 'failed') {
    const blocking = (result.findings ?? []).filter((finding) =>
      ['critical', 'high'].includes(finding.severity),
    );
    lines.push(
      ...blocking
        .slice(0, 6)
        .map(
          (finding) =>
            `      [${finding.severity}] ${finding.ruleId} ${finding.location.file}:${finding.location.line} ${finding.message}`,
        ),
    );
    if (result.output)
      lines.push(
        ...result.output
          .trimEnd()
          .split('\n')
          .slice(0, 20)
          .map((line) => style.dim(`      | ${line}`)),
      );
  }
  return lines.join('\n');
}

/** The text of one event (reviews are collected by the caller and rendered together). */
export function renderEvent(
  event: Exclude<DemoEvent, { kind: 'review' }>,
  style: ViewStyle,
): string | undefined {
  const scripted = style.dim('(scripted)');
  switch (event.kind) {
    case 'setup':
      return `  ${style.cyan(event.title)}\n${event.command ? `    ${event.detail}` : indent(wrap(event.detail, 100), '    ').join('\n')}`;
    case 'question':
      return [
        `  ${style.bold(`Q${event.number}.`)} ${event.question} ${scripted}`,
        ...indent(wrap(`→ ${event.answer}`, 96), '      '),
      ].join('\n');
    case 'spec': {
      const title = event.spec.split('\n').find((line) => line.startsWith('# ')) ?? 'the spec';
      return `  wrote spec.md (${event.spec.trimEnd().split('\n').length} lines): ${title.replace(/^# /, '')} ${scripted}`;
    }
    case 'plan':
      return [
        '',
        style.bold(`▸ ${event.persona}: the plan ${scripted}`),
        ...event.plan
          .trimEnd()
          .split('\n')
          .map((line) => `  │ ${line}`.trimEnd()),
        '',
        `  ${style.bold('tasks')}`,
        ...event.tasks.flatMap((task) => indent(wrap(taskLine(task), 96), '    ')),
      ].join('\n');
    case 'code': {
      const heading = event.repair
        ? `repair after the gate (${event.persona})`
        : `T${event.task} (${event.persona})`;
      return [
        `  ${style.bold(heading)} ${scripted}`,
        ...event.files.map((file) => `    wrote ${file.path} (${file.lines} lines)`),
        ...indent(wrap(event.notes, 96), '    '),
      ].join('\n');
    }
    case 'gate':
      return renderGate(event.result, style);
    case 'progress':
      return undefined;
  }
}

/** The closing lines: done, or blocked with the exact commands that unblock it. */
export function renderEnding(result: DemoResult, kept: boolean, style: ViewStyle): string {
  const lines: string[] = [''];
  if (result.state === 'done') {
    lines.push(
      `${style.green(style.bold('done'))}: every gate really ran and passed (${result.gates
        .filter((gate) => gate.status === 'passed')
        .map((gate) => gate.gate)
        .filter((name, index, all) => all.indexOf(name) === index)
        .join(', ')}).`,
    );
  } else {
    lines.push(`${style.red(style.bold(result.state))}: ${result.reason ?? 'the track did not reach done'}`);
    if (result.unblock.length)
      lines.push(
        '',
        result.unblock.length === 1
          ? 'To unblock, run this, then the demo again:'
          : 'To unblock, run these, then the demo again:',
        ...result.unblock.map((command) => `  ${command}`),
      );
    const last = result.gates.slice(-3);
    if (last.some((gate) => gate.status === 'unavailable') && last.some((gate) => gate.status === 'failed'))
      lines.push(
        '',
        'A gate that cannot run blocks the track at once: repairing code cannot install a tool.',
      );
  }
  const stepCommits = result.commits.filter((subject) =>
    subject.startsWith(`infrakit(${result.track})`),
  ).length;
  lines.push(
    '',
    `The project: ${result.projectRoot}${kept ? '' : ' (a temporary folder; pass --keep <dir> to choose where)'}`,
    `  git -C ${result.projectRoot} log --oneline   (${result.commits.length} commits: init, constraints, then ${stepCommits} for the track's ${result.steps} steps)`,
    style.dim(`Every persona answer above was a ${result.notice}.`),
  );
  return lines.join('\n');
}
