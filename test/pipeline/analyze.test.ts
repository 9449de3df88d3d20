import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeTrack } from '../../src/pipeline/analyze.js';
import { startRelay } from '../../src/pipeline/operations.js';
import { readStateFile } from '../../src/tracks/state-file.js';
import { fakeDeps } from './fake-deps.js';
import { createFixtureProject } from './fixture-project.js';
import { approvingRelay } from './scripts.js';

const script = approvingRelay(0);

describe('analyze', () => {
  it('finds a requirement planted without a task, a task without code and code without a task', async () => {
    const root = createFixtureProject();
    const { deps } = fakeDeps(root, { script });
    const outcome = await startRelay(
      deps,
      { name: 'db', tool: 'crossplane', request: 'a db' },
      { maxQuestions: 1, maxRevisions: 1 },
      'implement',
    );
    expect(outcome.state).toBe('done');
    const meta = (await readStateFile(root, outcome.track)).meta;
    expect((await analyzeTrack(root, meta)).drift).toEqual([]);

    const spec = join(root, '.infrakit/tracks', outcome.track, 'spec.md');
    writeFileSync(spec, `${readFileSync(spec, 'utf8')}- R3: nightly backups\n`);
    writeFileSync(join(root, 'compositions/db/extra.yaml'), 'kind: Stray\n');
    const tasks = join(root, '.infrakit/tracks', outcome.track, 'tasks.md');
    writeFileSync(
      tasks,
      `${readFileSync(tasks, 'utf8')}- [ ] T3: Policy (requirements: R2; files: policy.yaml)\n`,
    );
    const report = await analyzeTrack(root, meta);
    expect(report.drift.map((item) => `${item.kind} ${item.subject}`)).toEqual([
      'requirement-without-task R3',
      'task-without-code T3',
      'code-without-task extra.yaml',
    ]);
  });
});
