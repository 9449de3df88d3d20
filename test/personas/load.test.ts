import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRelay } from '../../src/pipeline/operations.js';
import { loadPersonas, reviewPersonas } from '../../src/personas/load.js';
import { fakeDeps } from '../pipeline/fake-deps.js';
import { createFixtureProject } from '../pipeline/fixture-project.js';
import { reviewer, solutionsEngineer } from '../pipeline/scripts.js';

const shipped = join(import.meta.dirname, '..', '..', 'personas');

function copyPersonas(): string {
  const directory = mkdtempSync(join(tmpdir(), 'infrakit-personas-'));
  cpSync(shipped, directory, { recursive: true });
  return directory;
}

const FINOPS = `---
id: finops
title: FinOps Engineer
stage: review
sees: [constraints, spec]
output: review
---
You review the spec for cost: right-sizing, idle capacity, storage classes and cost allocation tags.
`;

describe('persona loader', () => {
  it('loads the shipped personas: one spec, at least two reviewers, one engineer', async () => {
    const personas = await loadPersonas(shipped);
    expect(personas.find((persona) => persona.stage === 'spec')?.id).toBe('solutions-engineer');
    expect(reviewPersonas(personas).map((persona) => persona.id)).toEqual(['architect', 'security-engineer']);
    expect(personas.find((persona) => persona.stage === 'engineer')?.id).toBe('iac-engineer');
  });

  it('names the file and field of every front matter problem', async () => {
    const directory = copyPersonas();
    writeFileSync(join(directory, 'bad.md'), '---\nid: bad\ntitle: Bad\nstage: judge\nsees: [everything]\noutput: review\n---\nbody\n');
    writeFileSync(join(directory, 'other.md'), '---\nid: not-other\ntitle: X\nstage: review\nsees: []\noutput: review\n---\nbody\n');
    const error = await loadPersonas(directory).catch((caught: unknown) => caught as Error);
    expect(error.message).toContain('bad.md: stage: expected spec, review or engineer');
    expect(error.message).toContain('bad.md: sees[0]: expected one of constraints');
    expect(error.message).toContain('other.md: id: expected "other" (the file name)');
  });

  it('adding a reviewer is one new file: finops.md runs in parallel with the others', async () => {
    const directory = copyPersonas();
    writeFileSync(join(directory, 'finops.md'), FINOPS);
    const root = createFixtureProject();
    const script = {
      'solutions-engineer': solutionsEngineer(0),
      architect: reviewer('APPROVE', 'ARC'),
      'security-engineer': reviewer('APPROVE', 'SEC'),
      finops: reviewer('APPROVE WITH CHANGES', 'FIN'),
    };
    const { deps, requests } = fakeDeps(root, { script, personasDir: directory });
    const outcome = await startRelay(deps, { name: 'db', tool: 'crossplane', request: 'a db' }, { maxQuestions: 1, maxRevisions: 1 });
    expect(outcome.state).toBe('spec-reviewed');
    expect(Object.keys(outcome.context.reviews).sort()).toEqual(['architect', 'finops', 'security-engineer']);
    expect(requests.filter((request) => request.persona === 'finops')).toHaveLength(1);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(root, '.infrakit/tracks', outcome.track, 'review-finops.md'))).toBe(true);
  });
});
