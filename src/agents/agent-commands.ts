/**
 * The commands `init --ai` gives each coding agent, as agent-neutral data: each a short prompt that
 * drives infrakit's step protocol (docs/agents.md). The per-agent files are rendered from these
 * by command-files.ts.
 */

/** One command: its file name, what it does, the argument it takes, and its prompt. */
export interface AgentCommand {
  /** File name without extension, e.g. `infrakit-new-composition`. */
  name: string;
  description: string;
  argumentHint: string;
  /** The prompt; `ARGUMENTS` stands where the agent puts the user's text. */
  body(tools: ToolStyle, subagents: boolean): string;
}

/** How the agent reaches infrakit: through the MCP tools, or the CLI in a shell. */
export type ToolStyle = 'mcp' | 'shell';

/** Placeholder for the user's arguments, replaced by each agent's own syntax. */
export const ARGUMENTS = '\u0000ARGUMENTS\u0000';

/** The sentence every file carries: the agent never decides that a track is done. */
export const DONE_RULE =
  'infrakit, not you, decides `done`: it runs the validator, the field verifier and the policy gate itself. Report the state infrakit returns; never say a track is done unless its reply says state "done".';

const call = (tools: ToolStyle, mcp: string, shell: string): string =>
  tools === 'mcp' ? `the \`${mcp}\` tool of the infrakit MCP server` : `\`${shell}\``;

/** The loop every track command ends with: answer each pending step until none is left. */
export function driveLoop(tools: ToolStyle, subagents: boolean): string {
  const submit = call(
    tools,
    'track_submit_step',
    'npx infrakit step submit <track> --step <id> --answer - --json',
  );
  const next = call(tools, 'track_next_step', 'npx infrakit step next <track> --json');
  return [
    `Then drive the track until no step is pending. Each reply lists \`pending\` steps (see also ${next}):`,
    '',
    '- `kind: "question"`: ask your user the question word for word (offer its options), wait for their answer, and',
    `  submit \`{"answer": "<their words>"}\` with ${submit}. Never answer a question yourself.`,
    '- `kind: "persona"`: answer as that persona using only the step\'s `system` and `prompt` (not what you know from',
    `  this conversation), as JSON matching the step's \`schema\`, and submit it with its \`id\` through ${submit}.`,
    subagents
      ? "- Two review steps at once (architect and security-engineer): hand each to its own subagent (`infrakit-architect`,\n  `infrakit-security-engineer`) with the step as given, in parallel. Neither may see the other's answer."
      : '- Two review steps at once (architect and security-engineer): answer each in a fresh context of its own, from its\n  own prompt only; neither answer may see the other.',
    '- A refused submission says why and which step is expected: correct the answer and submit it again.',
    '- Do not write the track files or the generated code yourself: infrakit writes and commits them.',
    '',
    DONE_RULE,
  ].join('\n');
}

const startTrack = (tool: string, label: string) => (tools: ToolStyle, subagents: boolean) =>
  [
    `Start a new infrakit ${label} track for this request: ${ARGUMENTS}`,
    '',
    tools === 'mcp'
      ? `Call \`track_start\` with \`tool: "${tool}"\`, a short kebab-case \`name\` for it, and the request in the user's words.`
      : `Run \`npx infrakit step start <kebab-case-name> --iac ${tool} "<the request>" --json\`.`,
    '',
    driveLoop(tools, subagents),
  ].join('\n');

const continueTrack = (advance: 'plan' | 'implement') => (tools: ToolStyle, subagents: boolean) =>
  [
    `Continue the infrakit track ${ARGUMENTS} (the newest track when none is named: see its status).`,
    '',
    tools === 'mcp'
      ? `Call \`track_next_step\` with the track and \`advance: "${advance}"\`.`
      : `Run \`npx infrakit step next <track> --advance ${advance} --json\`.`,
    '',
    driveLoop(tools, subagents),
  ].join('\n');

/** The commands every agent gets. */
export const AGENT_COMMANDS: AgentCommand[] = [
  {
    name: 'infrakit-new-composition',
    description: 'Start an infrakit Crossplane composition track (interview, reviews) driven by you',
    argumentHint: '<what you need>',
    body: startTrack('crossplane', 'Crossplane composition'),
  },
  {
    name: 'infrakit-new-terraform',
    description: 'Start an infrakit Terraform module track (interview, reviews) driven by you',
    argumentHint: '<what you need>',
    body: startTrack('terraform', 'Terraform module'),
  },
  {
    name: 'infrakit-new-cloudformation',
    description: 'Start an infrakit CloudFormation template track (interview, reviews) driven by you',
    argumentHint: '<what you need>',
    body: startTrack('cloudformation', 'CloudFormation template'),
  },
  {
    name: 'infrakit-plan',
    description: 'Have the IaC Engineer plan a reviewed infrakit track',
    argumentHint: '[track]',
    body: continueTrack('plan'),
  },
  {
    name: 'infrakit-implement',
    description: 'Write the code of a planned infrakit track; infrakit then runs the gates',
    argumentHint: '[track]',
    body: continueTrack('implement'),
  },
  {
    name: 'infrakit-quick-fix',
    description: 'A small change as an infrakit track: plan shown first, then code and the gates',
    argumentHint: '<the change>',
    body: (tools, subagents) =>
      [
        `Make this small change through infrakit: ${ARGUMENTS}`,
        '',
        tools === 'mcp'
          ? 'Call `track_start` with the tool of this project (see the `constraints` tool), a short kebab-case `name`, the change as `request`, `maxQuestions: 1` and `through: "plan"`.'
          : 'Run `npx infrakit step start <kebab-case-name> --iac <this project\'s tool> "<the change>" --max-questions 1 --through plan --json`.',
        'When the plan is written, show it to your user; once they agree, continue with advance "implement".',
        '',
        driveLoop(tools, subagents),
      ].join('\n'),
  },
  {
    name: 'infrakit-review',
    description: "Check infrastructure code with infrakit's field verifier and policy rules",
    argumentHint: '<path> [environment]',
    body: (tools) =>
      [
        `Review ${ARGUMENTS} with infrakit.`,
        '',
        tools === 'mcp'
          ? 'Call the `verify` tool on the path, then the `review` tool with the path and the environment if one is given.'
          : 'Run `npx infrakit verify <path> --json`, then `npx infrakit review <path> --json` (add `--env <environment>` when given).',
        'Report every finding with its severity, location and fix. Do not change any file unless your user asks.',
        '',
        DONE_RULE,
      ].join('\n'),
  },
  {
    name: 'infrakit-status',
    description: 'Where infrakit tracks stand: state, steps, who answered each, reviews, gates',
    argumentHint: '[track]',
    body: (tools) =>
      [
        `Show the status of the infrakit track ${ARGUMENTS} (every track when none is named).`,
        '',
        tools === 'mcp'
          ? 'Call the `track_status` tool (with the track when one is named).'
          : 'Run `npx infrakit status [<track>] --json`.',
        'Summarise the state, the reason when blocked, the reviews, the gates and who answered each step.',
        '',
        DONE_RULE,
      ].join('\n'),
  },
];

/** The review personas that get a Claude Code subagent each. */
export const REVIEW_SUBAGENTS = [
  { persona: 'architect', title: 'Cloud Architect' },
  { persona: 'security-engineer', title: 'Security Engineer' },
] as const;

/** The prompt of a review subagent: one pending step, answered in its own context. */
export function reviewSubagentBody(title: string): string {
  return [
    `You answer exactly one pending infrakit ${title} review step, in your own context.`,
    '',
    'You are given the step: its `id`, `system`, `prompt` and `schema`. Take the role described in `system`, review only what',
    "`prompt` shows, and write your answer as JSON matching `schema`. You never see another reviewer's answer and must not",
    'ask for it. Submit the answer with the `track_submit_step` tool (the track, the step `id`, and your JSON as `answer`).',
    'If the submission is refused, correct the answer as the refusal says and submit again. Reply with the state infrakit',
    'returned, nothing else.',
    '',
    DONE_RULE,
  ].join('\n');
}
