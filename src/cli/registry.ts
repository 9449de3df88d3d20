import type { CommandDefinition } from './command.js';

/**
 * Every command, one file each under ./commands/. Command files import only commander and small
 * helpers at top level; the work is imported lazily inside each action, keeping start-up fast.
 * Keep this list sorted; one line per command file.
 */
export const commandDefinitions: CommandDefinition[] = [];
