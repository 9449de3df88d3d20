import type { CommandDefinition } from '../command.js';
import { defineUpdateCommand } from './update-composition.js';

/** `infrakit update-cloudformation-code <path> "<change>"`: an update track on an existing CloudFormation template. */
export const updateCloudformationCodeCommand: CommandDefinition = (program) =>
  defineUpdateCommand(
    program,
    'update-cloudformation-code',
    'cloudformation',
    'change an existing CloudFormation template: baseline, the change, plan, minimal edits, then the baseline diff gate',
    [
      'infrakit update-cloudformation-code templates "add a team tag to the bucket"',
      'infrakit update-cloudformation-code templates/s3-secure-bucket.yaml "suspend versioning in dev" --env dev --yes',
    ],
  );
