import type { IacTool } from '../constraints/schema.js';
import { CONSTRAINT_FILES } from '../constraints/schema.js';
import { CONSTRAINTS_DIR } from '../constraints/load.js';
import { OUTPUT_DIRECTORY } from './output-directory.js';
import { renderTemplate, type TemplateVariables } from './template-renderer.js';

/** A file init (or an extension of it) will write, relative to the project root. */
export interface PlannedFile {
  path: string;
  content: string;
}

/** What a file writer knows about the project being initialised. */
export interface InitContext {
  root: string;
  projectName: string;
  iac: IacTool;
  provider: 'aws';
  region: string;
  templatesDirectory: string;
}

/** Adds files to an init, e.g. `init --ai <agent>` writing an agent's MCP registration. */
export type InitFileWriter = (context: InitContext) => Promise<PlannedFile[]>;

/** The template behind each file init writes, for the given tool. */
export function initTemplates(iac: IacTool): Array<{ path: string; template: string }> {
  return [
    { path: `${CONSTRAINTS_DIR}/${CONSTRAINT_FILES.context}`, template: `${iac}/context.md` },
    { path: `${CONSTRAINTS_DIR}/${CONSTRAINT_FILES.codingStyle}`, template: `${iac}/coding-style.md` },
    { path: `${CONSTRAINTS_DIR}/${CONSTRAINT_FILES.tagging}`, template: `${iac}/tagging-standard.md` },
    { path: `${OUTPUT_DIRECTORY[iac]}/README.md`, template: `${iac}/output-readme.md` },
    { path: '.gitignore', template: 'common/gitignore.template' },
  ];
}

/** Renders the core files of a new project from the shipped templates. */
export const coreFiles: InitFileWriter = async (context) => {
  const variables: TemplateVariables = {
    projectName: context.projectName,
    provider: context.provider,
    region: context.region,
    apiGroup: apiGroupFor(context.projectName),
  };
  return Promise.all(
    initTemplates(context.iac).map(async ({ path, template }) => ({
      path,
      content: await renderTemplate(context.templatesDirectory, context.iac, template, variables),
    })),
  );
};

/** A DNS-style Crossplane API group derived from the project name, e.g. `my-infra` -> `my-infra.example.com`. */
export function apiGroupFor(projectName: string): string {
  const label = projectName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return `${label || 'platform'}.example.com`;
}
