import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { fakeBinDirectory, writeFakeBinary } from './fake-tools.js';

const script = join(import.meta.dirname, '..', '..', 'scripts', 'install-validators.sh');

describe('scripts/install-validators.sh --check', () => {
  it('reports present tools with their versions and missing ones with the pinned install command, without installing', async () => {
    const bin = await fakeBinDirectory();
    await writeFakeBinary(bin, 'cfn-lint', "console.log('cfn-lint 1.51.0')");
    await writeFakeBinary(bin, 'checkov', "console.log('3.3.29')");
    const result = await execa('bash', [script, '--check'], {
      env: { PATH: [bin, dirname(process.execPath), '/usr/bin', '/bin'].join(':'), HOME: bin },
      extendEnv: false,
      reject: false,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const rows = Object.fromEntries(
      String(result.stdout)
        .split('\n')
        .map((line) => line.split(/\s+/))
        .map(([name, , status, ...detail]) => [name, { status, detail: detail.join(' ') }]),
    );
    expect(rows['cfn-lint']).toEqual({ status: 'present', detail: `${join(bin, 'cfn-lint')} (1.51.0)` });
    expect(rows.checkov.status).toBe('missing');
    expect(rows.checkov.detail).toContain('python3 -m pip install checkov==3.3.30');
    expect(rows.crank).toEqual({
      status: 'missing',
      detail: 'install: go install github.com/crossplane/crossplane/v2/cmd/crank@v2.2.4',
    });
  });
});
