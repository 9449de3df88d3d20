import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { analyzeTrack } from '../../src/pipeline/analyze.js';

const examplesRoot = join(import.meta.dirname, '..', '..', 'examples');
const EXAMPLES = [
  'crossplane/cassandra-keyspace',
  'crossplane/cassandra-keyspace-v1',
  'crossplane/postgresql',
  'terraform/s3-secure-bucket',
  'cloudformation/s3-secure-bucket',
];

describe.each(EXAMPLES)('example %s: spec, tasks and code agree (the analysis behind `infrakit analyze`)', (path) => {
  it('has numbered requirements, parsed tasks covering them, and no drift', async () => {
    const projectRoot = join(examplesRoot, path);
    const [track] = await readdir(join(projectRoot, '.infrakit', 'tracks'));
    const constraints = await loadConstraints(projectRoot);
    const report = await analyzeTrack(projectRoot, {
      track,
      codeDirectory: constraints.codingStyle.layout.outputDir,
    } as Parameters<typeof analyzeTrack>[1]);
    expect(report.requirements.length).toBeGreaterThan(0);
    expect(report.tasks).toBeGreaterThan(0);
    expect(report.codeFiles.length).toBeGreaterThan(0);
    expect(report.drift).toEqual([]);
  });
});
