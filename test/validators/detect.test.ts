import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeDetected,
  detectValidator,
  detectValidators,
  missingValidator,
} from '../../src/validators/detect.js';
import { findTool } from '../../src/validators/located-tool.js';
import { loadPinnedTools } from '../../src/validators/pinned-tools.js';
import { fakeBinDirectory, writeFakeBinary } from './fake-tools.js';

describe('detectValidators', () => {
  it('finds binaries on the PATH, reads their versions and compares them with the pins', async () => {
    const directory = await fakeBinDirectory();
    await writeFakeBinary(directory, 'crossplane', "console.log('Client Version: v2.2.4')");
    await writeFakeBinary(directory, 'cfn-lint', "console.log('cfn-lint 1.40.0')");
    const detected = await detectValidators({ path: directory, variables: {} });
    const byName = Object.fromEntries(detected.map((tool) => [tool.name, tool]));
    expect(byName.crank).toMatchObject({
      present: true,
      version: 'v2.2.4',
      matchesPin: true,
      path: join(directory, 'crossplane'),
    });
    expect(byName['cfn-lint']).toMatchObject({ present: true, version: '1.40.0', matchesPin: false });
    expect(describeDetected(byName['cfn-lint'])).toContain('pinned 1.51.0');
    expect(byName.tofu).toMatchObject({ present: false, matchesPin: false });
    expect(describeDetected(byName.tofu)).toContain('go mod download github.com/opentofu/opentofu@v1.10.6');
  });

  it('never searches the project: not its .tools/bin, not a PATH entry inside it, not a relative PATH entry', async () => {
    const projectRoot = await fakeBinDirectory();
    const { mkdir } = await import('node:fs/promises');
    for (const folder of [join(projectRoot, '.tools', 'bin'), join(projectRoot, 'bin')]) {
      await mkdir(folder, { recursive: true });
      await writeFakeBinary(folder, 'function-go-templating', '');
    }
    const path = [join(projectRoot, 'bin'), '.tools/bin'].join(delimiter);
    const detected = await detectValidators({ path, variables: {} }, { projectRoot });
    const templating = detected.find((tool) => tool.name === 'function-go-templating');
    expect(templating).toMatchObject({ present: false });
  });

  it("searches infrakit's own tool folder after the PATH", async () => {
    const own = await fakeBinDirectory();
    await writeFakeBinary(own, 'function-go-templating', '');
    const projectRoot = await fakeBinDirectory();
    const detected = await detectValidators(
      { path: '', variables: {}, ownToolsDirectory: own },
      { projectRoot },
    );
    const templating = detected.find((tool) => tool.name === 'function-go-templating');
    expect(templating).toMatchObject({ present: true, path: join(own, 'function-go-templating') });
  });

  it('reports a tool missing from the PATH the same whether detected or looked up for a run (one search, not two)', async () => {
    const empty = await fakeBinDirectory();
    const pinned = await loadPinnedTools();
    for (const name of Object.keys(pinned)) {
      const detected = await detectValidator(name, pinned, { path: empty, variables: {} });
      expect(missingValidator(name, pinned)).toEqual(detected);
      expect(await findTool(name, pinned, { path: empty, variables: {} }, empty)).toEqual({
        missing: detected,
      });
    }
    expect(() => missingValidator('no-such-tool', pinned)).toThrow(/no entry named no-such-tool/);
  });
});
