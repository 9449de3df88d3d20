import { printable } from '../util/printable.js';
import { isUpdateTrackCode, SAFE_SEGMENT, trackPath } from './naming.js';

/** A track id as infrakit derives it: `<name>-<YYYYMMDD>-<HHMMSS>`, with `-<n>` when that second was taken. */
const TRACK_ID = /^([a-z][a-z0-9-]{0,50})-\d{8}-\d{6}(?:-\d{1,4})?$/;

/** True when `entry` can be a track folder infrakit created (nothing else under .infrakit/tracks is read). */
export const isTrackId = (entry: string): boolean => TRACK_ID.test(entry);

/** The minimal view of state.json these checks need. */
interface StateView {
  meta: { track: string; name: string; codeDirectory: string };
  snapshot: { context: { track: string; steps: Array<{ number: number; files: string[] }> } };
}

/**
 * What in a state.json infrakit could not have written for the track in folder `track`: its names
 * and folders must be the ones derived from the track id, and its steps may only name files in the
 * track folder or the code folder. Checked before any file is read, written, committed or sent to
 * a model (a forged `meta.track: ../../..` would write outside; `codeDirectory: ../outside` would
 * send outside files to the model). Each problem is `field: what is wrong`.
 */
export function forgedStateProblems(track: string, state: StateView): string[] {
  const problems: string[] = [];
  const { meta } = state;
  const shown = (value: string) => JSON.stringify(printable(value));
  if (!isTrackId(track)) problems.push(`the folder name ${shown(track)} is not a track id infrakit creates`);
  if (meta.track !== track)
    problems.push(`meta.track: ${shown(meta.track)} is not the track folder's name ${shown(track)}`);
  if (state.snapshot.context.track !== track)
    problems.push(`snapshot.context.track: ${shown(state.snapshot.context.track)} is not ${shown(track)}`);
  const stamp = track.startsWith(`${meta.name}-`) ? track.slice(meta.name.length + 1) : '';
  if (!/^[a-z][a-z0-9-]{0,50}$/.test(meta.name) || !/^\d{8}-\d{6}(?:-\d{1,4})?$/.test(stamp))
    problems.push(`meta.name: ${shown(meta.name)} is not the name in the track id ${shown(track)}`);
  const segments = meta.codeDirectory.split('/');
  const derivedFolder =
    segments.every((segment) => SAFE_SEGMENT.test(segment)) && segments[segments.length - 1] === meta.name;
  if (!derivedFolder && !isUpdateTrackCode(meta.name, meta.codeDirectory))
    problems.push(
      `meta.codeDirectory: ${shown(meta.codeDirectory)} is not a folder infrakit derives (<outputDir>/${printable(meta.name)}, inside the project, no "." folders)`,
    );
  const allowed = [`${trackPath(track)}/`, meta.codeDirectory === '.' ? '' : `${meta.codeDirectory}/`];
  for (const step of state.snapshot.context.steps) {
    for (const file of step.files) {
      const inside = allowed.some((prefix) => file.startsWith(prefix) || `${file}/` === prefix);
      if (!inside || file.split('/').some((segment) => segment === '..' || segment === '.' || segment === ''))
        problems.push(
          `snapshot.context.steps (step ${step.number}): ${shown(file)} is outside the track and code folders`,
        );
    }
  }
  return problems;
}
