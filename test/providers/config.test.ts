import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveProviderSettings } from '../../providers/config.js';
import { writeScriptedRecording } from './support/scripted-recording.js';

let root: string;
let project: string;
let userFile: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'infrakit-config-'));
  project = join(root, 'project');
  userFile = join(root, 'xdg', 'infrakit', 'config.yaml');
  await mkdir(join(project, '.infrakit'), { recursive: true });
  await mkdir(join(root, 'xdg', 'infrakit'), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Record<string, unknown>,
  );

describe('resolveProviderSettings', () => {
  it('fails before any work when the Anthropic key is missing, naming the variable and how to set it', async () => {
    const failure = await failureOf(
      resolveProviderSettings({
        projectDir: project,
        env: {},
        userConfigFile: userFile,
        flags: { provider: 'anthropic' },
      }),
    );
    expect(failure).toMatchObject({ name: 'ConfigError', exitCode: 3 });
    expect(String(failure?.message)).toContain('ANTHROPIC_API_KEY is not set');
    expect(String(failure?.hint)).toContain('export ANTHROPIC_API_KEY=');
    expect(String(failure?.hint)).toContain('config.yaml');
  });

  it('names OPENAI_API_KEY for the openai provider', async () => {
    const failure = await failureOf(
      resolveProviderSettings({
        projectDir: project,
        env: { INFRAKIT_PROVIDER: 'openai' },
        userConfigFile: userFile,
      }),
    );
    expect(String(failure?.message)).toContain('OPENAI_API_KEY is not set');
  });

  it('orders flags over env over project config over user config', async () => {
    await writeFile(
      join(project, '.infrakit', 'config.yaml'),
      'provider: openai\nmodel: gpt-4o\nmaxRetries: 5\npersonas:\n  solutions-engineer:\n    model: gpt-4.1-mini\n',
    );
    await writeFile(
      userFile,
      'model: gpt-5\ntimeoutMs: 1234\nkeys:\n  openai: sk-user-file-key-000000000000\n',
    );
    const fromFiles = await resolveProviderSettings({
      projectDir: project,
      env: {},
      userConfigFile: userFile,
    });
    expect(fromFiles).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o',
      maxRetries: 5,
      timeoutMs: 1234,
      personas: { 'solutions-engineer': { model: 'gpt-4.1-mini' } },
    });
    expect(fromFiles.apiKey).toBe('sk-user-file-key-000000000000');
    expect(fromFiles.keySource).toContain('keys.openai');

    const fromEnv = await resolveProviderSettings({
      projectDir: project,
      env: { INFRAKIT_MODEL: 'gpt-4.1', OPENAI_API_KEY: 'env-key' },
      userConfigFile: userFile,
    });
    expect(fromEnv.model).toBe('gpt-4.1');
    expect(fromEnv.apiKey).toBe('env-key');
    expect(fromEnv.sources.model).toBe('env:INFRAKIT_MODEL');

    const fromFlags = await resolveProviderSettings({
      projectDir: project,
      env: { INFRAKIT_MODEL: 'gpt-4.1', ANTHROPIC_API_KEY: 'a-key' },
      userConfigFile: userFile,
      flags: { provider: 'anthropic', model: 'claude-haiku-4-5' },
    });
    expect(fromFlags).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5' });
    expect(JSON.stringify(fromFlags)).not.toContain('a-key');
  });

  it('refuses a key in the committed project config', async () => {
    await writeFile(join(project, '.infrakit', 'config.yaml'), 'provider: anthropic\napiKey: sk-ant-oops\n');
    const failure = await failureOf(
      resolveProviderSettings({
        projectDir: project,
        env: { ANTHROPIC_API_KEY: 'k' },
        userConfigFile: userFile,
      }),
    );
    expect(failure).toMatchObject({ name: 'ConfigError' });
    expect(String(failure?.message)).toContain('must not contain API keys');
    expect(String(failure?.message)).not.toContain('sk-ant-oops');
  });

  it('reports invalid config fields with file and path', async () => {
    await writeFile(join(project, '.infrakit', 'config.yaml'), 'maxRetries: many\n');
    const failure = await failureOf(
      resolveProviderSettings({
        projectDir: project,
        env: { ANTHROPIC_API_KEY: 'k' },
        userConfigFile: userFile,
      }),
    );
    expect(failure?.problems).toEqual([expect.stringMatching(/^\.infrakit\/config\.yaml: maxRetries: /)]);
  });

  it('requires /v1 in an OpenAI-compatible base URL and suggests the fix', async () => {
    const failure = await failureOf(
      resolveProviderSettings({
        projectDir: project,
        env: {},
        userConfigFile: userFile,
        flags: { provider: 'openai-compatible', model: 'llama3.1', baseUrl: 'http://localhost:11434' },
      }),
    );
    expect(String(failure?.message)).toContain('must include /v1');
    expect(String(failure?.hint)).toContain('http://localhost:11434/v1');
    const resolved = await resolveProviderSettings({
      projectDir: project,
      env: {},
      userConfigFile: userFile,
      flags: { provider: 'openai-compatible', model: 'llama3.1', baseUrl: 'http://localhost:11434/v1/' },
    });
    expect(resolved).toMatchObject({ provider: 'openai-compatible', baseUrl: 'http://localhost:11434/v1' });
    expect(resolved.apiKey).toBeUndefined();
  });

  it('rejects an unknown provider flag as a usage error', async () => {
    const failure = await failureOf(
      resolveProviderSettings({
        projectDir: project,
        env: {},
        userConfigFile: userFile,
        flags: { provider: 'gemini' },
      }),
    );
    expect(failure).toMatchObject({ name: 'UsageError', exitCode: 2 });
  });

  it('loads the recording for --replay and needs no key', async () => {
    const file = join(project, 'demo.json');
    await writeScriptedRecording(file, 'demo', [{ persona: 'architect', response: { text: 'ok' } }]);
    const resolved = await resolveProviderSettings({
      projectDir: project,
      env: {},
      userConfigFile: userFile,
      flags: { replay: 'demo.json' },
    });
    expect(resolved.provider).toBe('replay');
    expect(resolved.replay).toMatchObject({ scripted: true, description: 'demo', file });
  });
});
