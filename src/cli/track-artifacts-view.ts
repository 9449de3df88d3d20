import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompletedStep } from '../../machines/relay-types.js';
import type { Finding } from '../findings/finding.js';
import { parseTasks, requirementIds } from '../pipeline/tasks-file.js';
import { trackPath } from '../tracks/naming.js';

/** What a relay command shows of the track's own files: the spec, the tasks, the code and the gate findings. */

const readTrackText = (projectRoot: string, track: string, file: string): Promise<string | undefined> =>
  readFile(join(projectRoot, trackPath(track, file)), 'utf8').catch(() => undefined);

/** The spec's path, title, first sentence and requirement count; undefined when there is no spec.md. */
export async function specSummary(projectRoot: string, track: string): Promise<string | undefined> {
  const text = await readTrackText(projectRoot, track, 'spec.md');
  if (text === undefined) return undefined;
  const lines = text.split('\n').map((line) => line.trim());
  const title = lines.find((line) => /^#\s/.test(line))?.replace(/^#\s+/, '');
  const firstParagraph = lines.find((line) => line && !/^[#>\-*|]/.test(line) && !/^\d+\./.test(line));
  const requirements = requirementIds(text).length;
  return [
    `Spec: ${trackPath(track, 'spec.md')}`,
    ...(title ? [`  ${title}`] : []),
    ...(firstParagraph ? [`  ${firstParagraph}`] : []),
    `  ${requirements} requirement(s)`,
  ].join('\n');
}

/** The tasks of tasks.md, one per line with their requirements and files; undefined when none. */
export async function tasksSummary(projectRoot: string, track: string): Promise<string | undefined> {
  const tasks = parseTasks((await readTrackText(projectRoot, track, 'tasks.md')) ?? '');
  if (tasks.length === 0) return undefined;
  return [
    `Tasks (${trackPath(track, 'tasks.md')}):`,
    ...tasks.map(
      (task) =>
        `  ${task.id}: ${task.title} (requirements: ${task.requirements.join(', ') || 'none'}; files: ${task.files.join(', ') || 'none'})`,
    ),
  ].join('\n');
}

/** Every file written by the code and repair steps, in order, each once. */
export function filesWritten(steps: CompletedStep[]): string[] {
  const files = steps
    .filter((step) => step.name === 'code' || step.name === 'repair')
    .flatMap((step) => step.files);
  return [...new Set(files)];
}

/** One finding as `file:line rule message` and, when known, its fix on the next line. */
export function renderFinding(finding: Finding): string {
  const where = `${finding.location.file}:${finding.location.line}`;
  const fix = finding.fix ?? finding.suggestion;
  return [
    `  ${where} ${finding.ruleId} [${finding.severity}] ${finding.message}`,
    ...(fix ? [`    fix: ${fix}`] : []),
  ].join('\n');
}

/** The findings of the last gate run (findings.json) and the path of gate-report.md; undefined when no gate ran. */
export async function gateFindings(
  projectRoot: string,
  track: string,
): Promise<{ findings: Finding[]; text: string } | undefined> {
  const report = trackPath(track, 'gate-report.md');
  const reportText = await readTrackText(projectRoot, track, 'gate-report.md');
  if (reportText === undefined) return undefined;
  const raw = await readTrackText(projectRoot, track, 'findings.json');
  let findings: Finding[];
  try {
    const parsed: unknown = raw === undefined ? [] : JSON.parse(raw);
    findings = Array.isArray(parsed) ? parsed.filter(isFinding) : [];
  } catch {
    findings = [];
  }
  const lines = findings.length
    ? [`Findings (${findings.length}):`, ...findings.map(renderFinding)]
    : ['No finding was recorded: the gates above say why they did not pass.'];
  return { findings, text: [...lines, `Full gate report: ${report}`].join('\n') };
}

function isFinding(value: unknown): value is Finding {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Finding>;
  return (
    typeof candidate.ruleId === 'string' &&
    typeof candidate.message === 'string' &&
    typeof candidate.location?.file === 'string' &&
    typeof candidate.location.line === 'number'
  );
}
