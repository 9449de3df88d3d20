import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_NAMES, agentFiles } from '../../src/agents/index.js';
import { instructionBody } from '../../src/agents/instructions.js';

const docsPath = resolve(import.meta.dirname, '..', '..', 'docs', 'agents.md');

describe('docs/agents.md', () => {
  it('shows every config file exactly as init --ai writes it, and the instruction text', async () => {
    const docs = await readFile(docsPath, 'utf8');
    for (const agent of AGENT_NAMES) {
      const [config] = agentFiles(agent);
      expect(docs, `${agent} ${config.path}`).toContain(`\n${config.content}\`\`\``);
    }
    expect(docs).toContain(`\`\`\`markdown\n${instructionBody()}\`\`\``);
  });
});
