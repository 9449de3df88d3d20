import { z } from 'zod';
import { PROVIDER_NAMES } from './settings.js';

/** Per-persona routing, e.g. a cheaper model for the Solutions Engineer's questions. */
export const PersonaRouteSchema = z.object({ model: z.string().min(1) }).strict();

/** Model settings shared by .infrakit/config.yaml and the user config. */
const modelSettingsShape = {
  provider: z.enum(PROVIDER_NAMES).optional(),
  model: z.string().min(1).optional(),
  baseUrl: z.string().min(1).optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  timeoutMs: z.number().int().min(1).optional(),
  contentAttempts: z.number().int().min(1).max(10).optional(),
  retryBaseDelayMs: z.number().int().min(0).max(60_000).optional(),
  maxTokens: z.number().int().min(1).optional(),
  replayFile: z.string().min(1).optional(),
  recordFile: z.string().min(1).optional(),
  personas: z.record(z.string(), PersonaRouteSchema).optional(),
};

/**
 * `.infrakit/config.yaml`: committed with the project, so it may never hold a key. Other
 * top-level sections belong to other features and pass through untouched.
 */
export const ProjectConfigSchema = z.looseObject(modelSettingsShape);
export type ProjectConfig = z.infer<typeof ProjectConfigSchema>;

/** `$XDG_CONFIG_HOME/infrakit/config.yaml`: the one file where a key may live. */
export const UserConfigSchema = z.looseObject({
  ...modelSettingsShape,
  keys: z
    .object({
      anthropic: z.string().min(1).optional(),
      openai: z.string().min(1).optional(),
      'openai-compatible': z.string().min(1).optional(),
    })
    .strict()
    .optional(),
  /**
   * Settings a project's committed config asks for that the user approved for that repository,
   * keyed by the repository's real path (providers/project-trust.ts).
   */
  trustedProjects: z
    .record(
      z.string(),
      z
        .object({
          baseUrl: z.string().min(1).optional(),
          recordFile: z.string().min(1).optional(),
          replayFile: z.string().min(1).optional(),
        })
        .strict(),
    )
    .optional(),
});
export type UserConfig = z.infer<typeof UserConfigSchema>;

/** Field names that look like a secret; refused in the project config. */
export const SECRET_FIELD =
  /(api[-_]?key|^keys?$|secret|password|^token$|auth[-_]?token|access[-_]?token|bearer)/i;
