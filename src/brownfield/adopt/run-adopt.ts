import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CONSTRAINTS_DIR } from '../../constraints/load.js';
import { splitFrontMatter } from '../../constraints/front-matter.js';
import {
  CONSTRAINT_FILES,
  CodingStyleSchema,
  ContextSchema,
  TaggingSchema,
  type IacTool,
} from '../../constraints/schema.js';
import { InternalError, UsageError } from '../../errors/index.js';
import { resolveInside, writeInside } from '../../fs/confine.js';
import type { SkippedEntry } from '../../fs/scan-files.js';
import { isUnknownValue } from '../../iac/resource-model.js';
import { parseSources } from '../../iac/parse.js';
import { createdResources, type InferredItem, type Outlier } from './inferred.js';
import { inferContext } from './infer-context.js';
import { inferStyle } from './infer-style.js';
import { inferTags } from './infer-tags.js';
import { adoptionBody, constraintFile, frontMatterWithNotes } from './render-adoption.js';

/** What adopt found and wrote. */
export interface AdoptResult {
  tool: IacTool;
  resources: number;
  files: string[];
  /** The constraint files written, relative to the project root. */
  written: string[];
  inferred: InferredItem[];
  outliers: Outlier[];
  gaps: string[];
  tags: Array<{ key: string; source: string; from?: string; value?: string }>;
  minorityTags: Array<{ key: string; count: number }>;
  /** Links the scan did not follow (dangling, leading outside, into .git/), each with its reason. */
  skipped: SkippedEntry[];
}

const HEADER =
  'Drafted by "infrakit adopt": every "# inferred" field was read from the code; confirm with "infrakit setup".';

/**
 * Drafts the three constraint files from existing code: tags by majority (outliers reported),
 * naming, region, environments, encryption and deletion habits, provider pins. Writes only under
 * `.infrakit/`, and refuses when constraint files exist unless `force`.
 */
export async function adoptProject(
  projectRoot: string,
  options: { force?: boolean } = {},
): Promise<AdoptResult> {
  const existing: string[] = [];
  for (const file of Object.values(CONSTRAINT_FILES))
    if (await stat(join(projectRoot, CONSTRAINTS_DIR, file)).catch(() => undefined))
      existing.push(`${CONSTRAINTS_DIR}/${file}`);
  if (existing.length && !options.force)
    throw new UsageError(
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}: adopt drafts constraints only for a project without them`,
      { hint: 'Edit them with "infrakit setup", or pass --force to replace them with a fresh draft.' },
    );
  const parsed = await parseSources(['.'], { root: projectRoot });
  if (parsed.resources.length === 0)
    throw new UsageError(`no Crossplane, Terraform or CloudFormation resources found in ${projectRoot}`, {
      hint: 'Run adopt in the folder that holds the infrastructure code.',
    });
  const tool: IacTool = parsed.tool === 'kubernetes' ? 'crossplane' : parsed.tool;
  const resources = createdResources(parsed.resources);
  const tags = inferTags(resources);
  const environmentValues = resources.flatMap((resource) =>
    Object.entries((resource.body.tags ?? {}) as Record<string, unknown>)
      .filter(
        ([key, value]) =>
          /^env(ironment)?$/i.test(key) && typeof value === 'string' && !isUnknownValue(value),
      )
      .map(([, value]) => String(value)),
  );
  const context = inferContext(parsed, resources, environmentValues);
  const style = inferStyle(parsed, tool);

  const environments = context.environments.map((name, index) => ({
    name,
    strictness: Math.min(10, index + 1),
    ...(context.encryptionAtRest ? { encryptionAtRest: context.encryptionAtRest } : {}),
    ...(context.deletionProtection !== undefined ? { deletionProtection: context.deletionProtection } : {}),
    ...(context.pointInTimeRecovery !== undefined
      ? { pointInTimeRecovery: context.pointInTimeRecovery }
      : {}),
  }));
  const contextData = {
    provider: 'aws',
    region: context.region ?? 'us-east-1',
    naming: context.naming,
    environments,
    compliance: [],
    ...(style.crossplane ? { crossplane: style.crossplane } : {}),
  };
  const gaps = [...context.gaps];
  if (tags.tags.length === 0)
    gaps.push('tags: no tag is used by most resources; a placeholder "owner" tag from a variable is drafted');
  if (tags.expressionTagged.length)
    gaps.push(
      `tags: ${tags.expressionTagged.length} resource(s) set their tags through one expression that adopt cannot read (${[...new Set(tags.expressionTagged.map((entry) => entry.expression))].slice(0, 3).join(', ')}); confirm the mandatory tags in setup`,
    );
  const taggingData = {
    tags: tags.tags.length ? tags.tags : [{ key: 'owner', source: 'variable', from: 'owner' }],
  };

  const contextItems = context.items.filter((item) => item.file === 'context');
  const styleItems = style.items;
  const files = {
    context: constraintFile(
      frontMatterWithNotes(contextData, contextItems, HEADER),
      adoptionBody(
        'Context',
        contextItems,
        context.outliers,
        gaps.filter((gap) => !gap.startsWith('tags')),
      ),
    ),
    codingStyle: constraintFile(
      frontMatterWithNotes(style.codingStyle, styleItems, HEADER),
      adoptionBody('Coding style', styleItems, [], []),
    ),
    tagging: constraintFile(
      frontMatterWithNotes(taggingData, tags.items, HEADER),
      adoptionBody(
        'Tagging standard',
        tags.items,
        tags.outliers,
        gaps.filter((gap) => gap.startsWith('tags')),
        tags.minorityTags.map((tag) => `"${tag.key}" on ${tag.count}/${tags.tagged} tagged resources`),
      ),
    ),
  };
  const schemas = { context: ContextSchema, codingStyle: CodingStyleSchema, tagging: TaggingSchema } as const;
  for (const [name, text] of Object.entries(files) as Array<[keyof typeof files, string]>) {
    const result = (schemas[name] as z.ZodType).safeParse(splitFrontMatter(text).data);
    if (!result.success)
      throw new InternalError(
        `adopt drafted an invalid ${CONSTRAINT_FILES[name]}: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
  }
  await mkdir(await resolveInside(projectRoot, CONSTRAINTS_DIR, { forbiddenTopLevel: [], kind: 'folder' }), {
    recursive: true,
  });
  const written: string[] = [];
  for (const [name, text] of Object.entries(files) as Array<[keyof typeof files, string]>) {
    const relativePath = `${CONSTRAINTS_DIR}/${CONSTRAINT_FILES[name]}`;
    // Through the confinement rule: a symlinked .infrakit/ may not redirect the write.
    await writeInside(projectRoot, relativePath, text, { forbiddenTopLevel: [] });
    written.push(relativePath);
  }
  return {
    tool,
    resources: parsed.resources.length,
    files: parsed.files,
    written,
    inferred: [...contextItems, ...styleItems, ...tags.items],
    outliers: [...tags.outliers, ...context.outliers],
    gaps,
    tags: tags.tags,
    minorityTags: tags.minorityTags,
    skipped: parsed.skipped ?? [],
  };
}
