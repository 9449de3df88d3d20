import { describe, expect, it } from 'vitest';
import { renderEnding, renderEvent, renderGate, renderReviews } from '../../src/demo/demo-view.js';
import { fixLine } from '../../src/schemas/discover/schema-roles.js';
import type { DemoResult } from '../../src/demo/run-demo.js';

const plain = {
  bold: (text: string) => text,
  dim: (text: string) => text,
  red: (text: string) => text,
  green: (text: string) => text,
  yellow: (text: string) => text,
  cyan: (text: string) => text,
};

const blocked: DemoResult = {
  projectRoot: '/tmp/p',
  track: 'cassandra-keyspace-20261125-120000',
  state: 'blocked',
  reason: 'a gate could not run',
  gates: [
    { gate: 'validator', status: 'unavailable', summary: 'crank missing', installHint: 'go install crank' },
    { gate: 'verify', status: 'passed', summary: 'ok' },
    { gate: 'policy', status: 'failed', summary: 'policy failed' },
  ],
  unblock: ['go install crank', 'go install function'],
  commits: ['init', 'constraints', 'infrakit(cassandra-keyspace-20261125-120000): step 1 question by x'],
  steps: 1,
  scripted: true,
  notice: 'scripted replay — not a live model',
};

describe('the demo view', () => {
  it('ends blocked with every unblock command and the scripted notice', () => {
    const text = renderEnding(blocked, false, plain);
    expect(text).toContain('blocked: a gate could not run');
    expect(text).toContain('  go install crank\n  go install function');
    expect(text).toContain('repairing code cannot install a tool');
    expect(text).toContain('--keep <dir>');
    expect(text).toContain('scripted replay — not a live model');
  });

  it('says done only for a done result', () => {
    const done = {
      ...blocked,
      state: 'done',
      unblock: [],
      gates: blocked.gates.map((gate) => ({ ...gate, status: 'passed' as const })),
    };
    expect(renderEnding(done, true, plain)).toMatch(
      /^\ndone: every gate really ran and passed \(validator, verify, policy\)/,
    );
    expect(renderEnding(blocked, true, plain)).not.toContain('done:');
  });

  it('shows the install command of an unavailable gate', () => {
    expect(renderGate(blocked.gates[0], plain)).toContain('install: go install crank');
  });

  it('lays two reviews side by side on a wide terminal and stacks them on a narrow one', () => {
    const review = (verdict: 'APPROVE' | 'REJECT') => ({ verdict, summary: 'fine', findings: [] });
    const reviews = [
      { persona: 'Cloud Architect', review: review('APPROVE') },
      { persona: 'Cloud Security Engineer', review: review('REJECT') },
    ];
    expect(renderReviews(reviews, 140, plain)).toContain('Cloud Architect: APPROVE');
    expect(renderReviews(reviews, 140, plain).split('\n')[1]).toContain('│ Cloud Security Engineer: REJECT');
    expect(renderReviews(reviews, 80, plain)).not.toContain('│');
  });

  it('shows a command to paste (the schemas line) whole on one line, never wrapped', () => {
    const line = fixLine(['crossplane-core', 'crossplane-aws']);
    expect(line.length).toBeGreaterThan(100);
    const text = renderEvent(
      { kind: 'setup', title: 'schemas: not found', detail: line, command: true },
      plain,
    );
    expect(text?.split('\n')).toEqual(['  schemas: not found', `    ${line}`]);
    const prose = renderEvent({ kind: 'setup', title: 't', detail: line }, plain);
    expect(prose?.split('\n').length).toBeGreaterThan(2);
  });
});
