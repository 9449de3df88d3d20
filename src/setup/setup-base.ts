import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { checkConstraintFile, constraintPath } from '../constraints/load.js';
import {
  CONSTRAINT_FILES,
  CodingStyleSchema,
  ContextSchema,
  TaggingSchema,
  type CodingStyle,
  type Context,
  type IacTool,
  type Tagging,
} from '../constraints/schema.js';
import { UsageError } from '../errors/index.js';
import { splitFrontMatter } from '../constraints/front-matter.js';
import { coreFiles } from '../project/init-files.js';
import { rewriteFrontMatter } from './rewrite-front-matter.js';
import { salvageFrontMatter } from './salvage-front-matter.js';

/** One constraint file as setup starts from it. */
export interface BaseFile<T> {
  /** Path relative to the project root, e.g. `.infrakit/context.md`. */
  path: string;
  /** The text on disk now ('' when missing): the "before" of the diff. */
  before: string;
  /** The text setup edits: the file on disk, or the template's when the file is missing or invalid. */
  text: string;
  value: T;
  /** Why the template was used instead of the file on disk, when it was. */
  replaced?: string;
  /** The file was invalid and was repaired, keeping every value that still parses: what changed. */
  repaired?: { problems: string; changes: string[] };
}

/** The three files setup edits, each valid (from disk, or else from the shipped template). */
export interface SetupBase {
  root: string;
  iac: IacTool;
  context: BaseFile<Context>;
  codingStyle: BaseFile<CodingStyle>;
  tagging: BaseFile<Tagging>;
}

/** Reads the project's constraint files; an invalid one is replaced by the template for the project's tool. */
export async function readSetupBase(
  root: string,
  templatesDirectory: string,
  iacOverride?: IacTool,
): Promise<SetupBase> {
  const style = await checkConstraintFile(root, CONSTRAINT_FILES.codingStyle, CodingStyleSchema);
  const iac = iacOverride ?? (style.ok ? style.value.iac : undefined);
  if (!iac) {
    throw new UsageError(
      `${constraintPath(CONSTRAINT_FILES.codingStyle)} is invalid, so the project's IaC tool is unknown`,
      {
        hint: 'Pass --iac crossplane|terraform|cloudformation to start that file from the template.',
      },
    );
  }
  const templates = await coreFiles({
    root,
    projectName: basename(root),
    iac,
    provider: 'aws',
    region: 'us-east-1',
    templatesDirectory,
  });
  const load = async <S extends z.ZodType>(file: string, schema: S): Promise<BaseFile<z.infer<S>>> => {
    const path = constraintPath(file);
    const check = await checkConstraintFile(root, file, schema);
    if (check.ok) return { path, before: check.text, text: check.text, value: check.value };
    const template = templates.find((planned) => planned.path === path);
    if (!template) throw new Error(`no template for ${path}`);
    const onDisk = await readFile(join(root, path), 'utf8').catch(() => '');
    const templateData = splitFrontMatter(template.content).data as Record<string, unknown>;
    const raw = onDisk ? splitFrontMatter(onDisk).data : undefined;
    const salvaged = raw === undefined ? undefined : salvageFrontMatter(raw, templateData, schema);
    if (salvaged) {
      // The repaired file is the base: the interview's diff shows the repairs with the answers.
      return {
        path,
        before: onDisk,
        text: rewriteFrontMatter(onDisk, raw, salvaged.data),
        value: salvaged.value,
        repaired: { problems: check.problems.join('; '), changes: salvaged.changes },
      };
    }
    const value = schema.parse(templateData);
    return { path, before: onDisk, text: template.content, value, replaced: check.problems.join('; ') };
  };
  return {
    root,
    iac,
    context: await load(CONSTRAINT_FILES.context, ContextSchema),
    codingStyle: await load(CONSTRAINT_FILES.codingStyle, CodingStyleSchema),
    tagging: await load(CONSTRAINT_FILES.tagging, TaggingSchema),
  };
}
