import { stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { Finding } from '../findings/finding.js';
import { findProjectRoot } from '../project/project-root.js';

/** Paths given on the command line that belong to one project, relative to that project's root. */
export interface ProjectPaths {
  projectRoot: string;
  /** Relative to projectRoot, in the order given. */
  paths: string[];
  /** The same paths as the user typed them. */
  given: string[];
}

/**
 * Groups the paths given (relative to `cwd`) by the project each belongs to: the nearest folder at
 * or above the path that holds `.infrakit/`, else `cwd` itself. A path that does not exist is kept
 * in the group of `cwd` so that the parser reports it with its usual error.
 */
export async function groupByProject(cwd: string, given: string[]): Promise<ProjectPaths[]> {
  const groups = new Map<string, ProjectPaths>();
  for (const path of given) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    const start = info?.isDirectory() ? absolute : dirname(absolute);
    const projectRoot = info ? ((await findProjectRoot(start)) ?? resolve(cwd)) : resolve(cwd);
    const group = groups.get(projectRoot) ?? { projectRoot, paths: [], given: [] };
    group.paths.push(relative(projectRoot, absolute) || '.');
    group.given.push(path);
    groups.set(projectRoot, group);
  }
  return [...groups.values()];
}

/** A project-relative file as seen from where the command ran. */
export function fromWhereItRan(file: string, projectRoot: string, cwd: string): string {
  return relative(resolve(cwd), resolve(projectRoot, file)) || '.';
}

/** Findings whose locations are shown relative to where the command ran (fingerprints unchanged). */
export function findingsFromWhereItRan(findings: Finding[], projectRoot: string, cwd: string): Finding[] {
  return findings.map((finding) => ({
    ...finding,
    location: { ...finding.location, file: fromWhereItRan(finding.location.file, projectRoot, cwd) },
  }));
}
