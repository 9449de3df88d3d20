import type { CommandDefinition } from '../command.js';
import { defineUpdateCommand } from './update-composition.js';

/** `infrakit update-terraform-code <path> "<change>"`: an update track on an existing Terraform module. */
export const updateTerraformCodeCommand: CommandDefinition = (program) =>
  defineUpdateCommand(
    program,
    'update-terraform-code',
    'terraform',
    'change an existing Terraform module: baseline, the change, plan, minimal edits, then the baseline diff gate',
    [
      'infrakit update-terraform-code modules/s3-secure-bucket "add a team tag to the bucket"',
      'infrakit update-terraform-code modules/s3-secure-bucket "rename bucket_purpose to purpose" --yes',
    ],
  );
