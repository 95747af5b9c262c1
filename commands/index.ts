import { alertsCommand } from './alerts.js';
import { createHelpCommand } from './help.js';
import { labsCommand } from './labs.js';
import { modelCommand } from './model.js';
import { originsCommand } from './origins.js';
import { rankingsCommand } from './rankings.js';
import { releasesCommand } from './releases.js';
import { reportCommand } from './report.js';
import type { TopCommand } from './types.js';

/** Every slash command, in the order help lists them. */
export const COMMANDS: readonly TopCommand[] = [
  releasesCommand,
  rankingsCommand,
  originsCommand,
  reportCommand,
  modelCommand,
  labsCommand,
  alertsCommand,
  createHelpCommand(() => COMMANDS),
];
