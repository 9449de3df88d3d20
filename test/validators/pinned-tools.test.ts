import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { loadPinnedTools, parsePinnedTools } from '../../src/validators/pinned-tools.js';

describe('tools/versions.json', () => {
  it('pins every validator the gate and the install script use', async () => {
    const pinned = await loadPinnedTools();
    expect(Object.keys(pinned).sort()).toEqual([
      'cfn-lint',
      'checkov',
      'crank',
      'function-go-templating',
      'tofu',
    ]);
    expect(pinned.crank).toMatchObject({ version: 'v2.2.4', binaries: ['crank', 'crossplane'] });
    expect(pinned['function-go-templating'].version).toBe('v0.12.2');
    expect(pinned['cfn-lint'].install).toContain('cfn-lint==1.51.0');
    expect(pinned.tofu.install).toContain('opentofu@v1.10.6');
  });

  it('names the file and field when an entry is invalid', () => {
    const problem = () =>
      parsePinnedTools(JSON.stringify({ tofu: { kind: 'brew', binaries: [] } }), 'x/versions.json');
    expect(problem).toThrow(ConfigError);
    expect(problem).toThrow(/x\/versions\.json: tofu\.version/);
  });
});
