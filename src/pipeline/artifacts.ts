import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BlockedError } from '../errors/index.js';
import { describeLimit, INPUT_LIMITS } from '../limits/input-limits.js';
import type { ArtifactName, Persona } from '../personas/schema.js';
import type { ReviewResult } from './output-schemas.js';
import type { TrackSession } from './session.js';
import { listCodeFiles, readTrackFile } from './track-files.js';

/** One artifact as it is shown to a persona. */
export interface Artifact {
  name: ArtifactName;
  title: string;
  content: string;
}

/** Open review findings, rendered for the Solutions Engineer or the IaC Engineer (never for another reviewer). */
export async function reviewFindingsText(session: TrackSession): Promise<string> {
  const parts: string[] = [];
  for (const reviewerId of session.meta.reviewerIds) {
    const text = await readTrackFile(session, `review-${reviewerId}.json`);
    if (!text) continue;
    const review = JSON.parse(text) as ReviewResult;
    const open = review.findings.filter((finding) => finding.severity !== 'info');
    if (!open.length) continue;
    parts.push(
      `From ${reviewerId} (verdict ${review.verdict}):\n` +
        open
          .map(
            (finding) =>
              `- [${finding.severity}] ${finding.id} ${finding.title}: ${finding.detail} Fix: ${finding.recommendation}`,
          )
          .join('\n'),
    );
  }
  return parts.join('\n\n');
}

/** Deterministic findings (policy, verify) saved by the last gate run. */
const gateFindingsText = async (session: TrackSession): Promise<string> =>
  (await readTrackFile(session, 'findings.json')) ?? '';

async function codeText(session: TrackSession): Promise<string> {
  const files = await listCodeFiles(session.deps.projectRoot, session.meta.codeDirectory);
  const parts = await Promise.all(
    files.map(
      async (file) =>
        `--- ${file.slice(session.meta.codeDirectory.length + 1)}\n${await readFile(join(session.deps.projectRoot, file), 'utf8')}`,
    ),
  );
  return parts.join('\n');
}

/**
 * The `findings` a persona sees depends on its stage: the Solutions Engineer gets the review
 * findings it must resolve; a reviewer only deterministic findings (never another reviewer's
 * output); the IaC Engineer both.
 */
async function findingsFor(session: TrackSession, persona: Persona): Promise<string> {
  if (persona.stage === 'review') return gateFindingsText(session);
  const review = await reviewFindingsText(session);
  if (persona.stage === 'spec') return review;
  return [review, await gateFindingsText(session)].filter(Boolean).join('\n\n');
}

const TITLES: Record<ArtifactName, string> = {
  constraints: 'Constraints',
  request: 'Request',
  qa: 'Questions and answers so far',
  spec: 'Spec',
  findings: 'Findings',
  plan: 'Plan',
  tasks: 'Tasks',
  code: 'Code written so far',
  'validator-output': 'Gate report (validator output)',
  baseline: 'Baseline',
};

/** Reads exactly the artifacts the persona's front matter allows (constraints go to the system prefix). */
export async function collectArtifacts(session: TrackSession, persona: Persona): Promise<Artifact[]> {
  const read = async (name: ArtifactName): Promise<string> => {
    switch (name) {
      case 'request':
        return session.meta.request;
      case 'qa':
        return (await readTrackFile(session, 'qa.md')) ?? '';
      case 'spec':
        return (await readTrackFile(session, 'spec.md')) ?? '';
      case 'findings':
        return findingsFor(session, persona);
      case 'plan':
        return (await readTrackFile(session, 'plan.md')) ?? '';
      case 'tasks':
        return (await readTrackFile(session, 'tasks.md')) ?? '';
      case 'code':
        return codeText(session);
      case 'validator-output':
        return (await readTrackFile(session, 'gate-report.md')) ?? '';
      default:
        return '';
    }
  };
  const artifacts: Artifact[] = [];
  for (const name of persona.sees) {
    if (name === 'constraints') continue;
    const content = (await read(name)).trim();
    const bytes = Buffer.byteLength(content);
    // A model (or a planted file) can make an artifact huge; it is never re-sent as the next prompt.
    if (bytes > INPUT_LIMITS.forwardedArtifactBytes)
      throw new BlockedError(
        `refused to forward the ${name} artifact of track ${session.meta.track} to ${persona.title}: ${bytes} bytes is more than ${describeLimit('forwardedArtifactBytes')}`,
        {
          hint: `Shorten it (the files are under .infrakit/tracks/${session.meta.track}/ and ${session.meta.codeDirectory}/), then run "infrakit resume ${session.meta.track}".`,
        },
      );
    if (content) artifacts.push({ name, title: TITLES[name], content });
  }
  return artifacts;
}
