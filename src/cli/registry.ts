import type { CommandDefinition } from './command.js';
import { analyzeCommand } from './commands/analyze.js';
import { architectReviewCommand } from './commands/architect-review.js';
import { createCloudformationCodeCommand } from './commands/create-cloudformation-code.js';
import { createTerraformCodeCommand } from './commands/create-terraform-code.js';
import { implementCommand } from './commands/implement.js';
import { newCompositionCommand } from './commands/new-composition.js';
import { planCommand } from './commands/plan.js';
import { quickFixCommand } from './commands/quick-fix.js';
import { resumeCommand } from './commands/resume.js';
import { securityReviewCommand } from './commands/security-review.js';
import { statusCommand } from './commands/status.js';
import { stepCommand } from './commands/step.js';
import { demoCommand } from './commands/demo.js';
import { doctorCommand } from './commands/doctor.js';
import { evalCommand } from './commands/eval.js';
import { initCommand } from './commands/init.js';
import { setupCommand } from './commands/setup.js';
import { setupCodingStyleCommand } from './commands/setup-coding-style.js';
import { mcpCommand } from './commands/mcp.js';
import { reviewCommand } from './commands/review.js';
import { schemaCommand } from './commands/schema.js';
import { schemasCommand } from './commands/schemas.js';
import { verifyCommand } from './commands/verify.js';
import { adoptCommand } from './commands/adopt.js';
import { updateCompositionCommand } from './commands/update-composition.js';
import { updateTerraformCodeCommand } from './commands/update-terraform-code.js';
import { updateCloudformationCodeCommand } from './commands/update-cloudformation-code.js';

/**
 * Every command, one file each under ./commands/. Command files import only commander and small
 * helpers at top level; the work is imported lazily inside each action, keeping start-up fast.
 * Keep this list sorted; one line per command file.
 */
export const commandDefinitions: CommandDefinition[] = [
  newCompositionCommand,
  createTerraformCodeCommand,
  createCloudformationCodeCommand,
  planCommand,
  implementCommand,
  quickFixCommand,
  architectReviewCommand,
  securityReviewCommand,
  analyzeCommand,
  resumeCommand,
  statusCommand,
  stepCommand,
  demoCommand,
  doctorCommand,
  evalCommand,
  initCommand,
  setupCommand,
  setupCodingStyleCommand,
  mcpCommand,
  reviewCommand,
  schemaCommand,
  schemasCommand,
  verifyCommand,
  adoptCommand,
  updateCompositionCommand,
  updateTerraformCodeCommand,
  updateCloudformationCodeCommand,
];
