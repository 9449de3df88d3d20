import { afterEach, describe, expect, it } from 'vitest';
import { childEnvironment } from '../../src/secrets/child-environment.js';
import { forgetSecrets, registerSecret } from '../../src/secrets/known-secrets.js';
import { holdsSecret, redact } from '../../src/secrets/redact.js';

const KEY = 'sk-ant-api03-Zq8Rw4Tn2Lp6Vx0Bc5Hd9Jf3Km7Ns1Qa-XyZ';

describe('redact', () => {
  afterEach(() => forgetSecrets());

  it('removes a registered key, any 12-character run of it, its case variants and its base64', () => {
    registerSecret(KEY);
    const run = KEY.slice(20, 34);
    const base64 = Buffer.from(`user:${KEY}`).toString('base64');
    const text = [
      `exact ${KEY}`,
      `run ${run}`,
      `lower ${KEY.slice(13).toLowerCase()}`,
      `upper ${KEY.slice(13).toUpperCase()}`,
      `basic ${base64.slice(6)}`,
      `url ${Buffer.from(KEY).toString('base64url')}`,
    ].join('\n');
    const scrubbed = redact(text);
    for (const piece of [KEY.slice(13, 25), run, KEY.slice(13, 25).toLowerCase(), base64.slice(12, 24)])
      expect(scrubbed.toLowerCase()).not.toContain(piece.toLowerCase());
    expect(scrubbed).toContain('[REDACTED]');
    expect(redact('an ordinary sentence with Zq8 in it')).toBe('an ordinary sentence with Zq8 in it');
  });

  it('removes provider key patterns it was never told about', () => {
    const text =
      'AKIAIOSFODNN7EXAMPLE ASIAY34FZKBOKMUTVV7A ghp_abcdefghijklmnopqrstuvwxyz0123456789 sk-proj-abcdefghijklmnop1234 authorization: Bearer abc.def.ghi123 x-api-key: k3y0000000000';
    const scrubbed = redact(text);
    expect(scrubbed).not.toMatch(/AKIA|ASIA|ghp_|sk-proj|abc\.def|k3y0/);
    expect(scrubbed).toContain('authorization: Bearer [REDACTED] x-api-key: [REDACTED]');
  });

  it('says whether a text holds a key, without quoting it', () => {
    registerSecret(KEY);
    expect(holdsSecret(`model: claude-${KEY.slice(15, 30).toUpperCase()}`)).toBe(true);
    expect(holdsSecret('model: claude-sonnet-4-6')).toBe(false);
  });
});

describe('childEnvironment', () => {
  afterEach(() => forgetSecrets());

  it('leaves out model keys by name, and any variable holding a registered key', () => {
    registerSecret(KEY);
    const environment = childEnvironment({
      PATH: '/usr/bin',
      HOME: '/home/u',
      ANTHROPIC_API_KEY: 'a-key-value-0000',
      OPENAI_API_KEY: 'b-key-value-0000',
      INFRAKIT_OPENAI_COMPATIBLE_API_KEY: 'c-key-value-0000',
      MISTRAL_API_KEY: 'd-key-value-0000',
      ANTHROPIC_AUTH_TOKEN: 'e-key-value-0000',
      SOMETHING_ELSE: `copied ${KEY}`,
    });
    expect(environment).toEqual({ PATH: '/usr/bin', HOME: '/home/u' });
  });
});
