/**
 * Reads function-go-templating template text without Go. Control actions (if/else/range/with/define)
 * are resolved into variants, one per branch position, so both sides of every if/else are read.
 * Output actions become placeholder tokens (unknown values); a line holding only output actions is
 * blanked, because it injects YAML we cannot know. Line numbers are preserved in every variant.
 */
type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'output'; expression: string; standalone: boolean; newlines: number; token: string }
  | { type: 'control'; newlines: number; assignment?: string }
  | {
      type: 'block';
      kind: 'if' | 'range' | 'with' | 'define';
      branches: TemplateNode[][];
      hasElse: boolean;
      /** The condition of each branch of an if chain (`if X`, `else if Y`); undefined for `else`. */
      conditions: Array<string | undefined>;
    };

/** An if condition a variant takes as true (its branch) or as false (a branch it passes over). */
export interface TakenCondition {
  expression: string;
  holds: boolean;
}

/** One reading of the template: every if takes its branch at `branch` (or its last/empty one). */
export interface TemplateVariant {
  branch: number;
  text: string;
  /** The if conditions this reading assumes, outermost first. */
  conditions: TakenCondition[];
  /** The assignments (`$x := ...`, `$_ := set $d ...`) this reading runs, in order. */
  assignments: string[];
}

/** The variants of a template and the expression behind each placeholder token. */
export interface ReadTemplate {
  variants: TemplateVariant[];
  expressions: Map<string, string>;
  /** 1-based lines holding only output actions: YAML we cannot see is injected there. */
  injectedLines: number[];
  /** Problems in the template structure (unbalanced end, ...), with 1-based line. */
  problems: Array<{ line: number; message: string }>;
  /** The body of every action, in order (for following variables). */
  actions: string[];
}

/** function-go-templating's `delims` (default `{{` and `}}`). */
export interface TemplateDelimiters {
  left: string;
  right: string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The action pattern for a pair of delimiters: groups are the left trim, the body and the right trim. */
function actionPattern(delimiters?: TemplateDelimiters): RegExp {
  const left = escapeRegExp(delimiters?.left || '{{');
  const right = escapeRegExp(delimiters?.right || '}}');
  return new RegExp(`${left}(-?)([\\s\\S]*?)(-?)${right}`, 'g');
}
const MAX_VARIANTS = 4;
const TOKEN_PREFIX = '__ikvalue';

/** The placeholder token pattern used for template output actions. */
export const PLACEHOLDER_PATTERN = /__ikvalue\d+__/g;

/** How many newlines `text` holds between `from` and `to` (the whole text by default). */
function countNewlines(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

function classify(inner: string): { kind: string; keyword?: string } {
  const body = inner.trim();
  if (body.startsWith('/*')) return { kind: 'comment' };
  const word = body.split(/\s+/)[0];
  if (['if', 'range', 'with', 'define', 'block'].includes(word)) return { kind: 'open', keyword: word };
  if (word === 'else') return { kind: 'else', keyword: body.slice(4).trim() };
  if (word === 'end') return { kind: 'end' };
  if (/^\$[\w]*\s*:?=/.test(body)) return { kind: 'assign' };
  return { kind: 'output' };
}

function standaloneLines(text: string, action: RegExp): Set<number> {
  const result = new Set<number>();
  text.split('\n').forEach((line, index) => {
    const actions = [...line.matchAll(action)];
    if (actions.length === 0) return;
    const hasOutput = actions.some((match) => classify(match[2]).kind === 'output');
    if (hasOutput && line.replace(action, '').trim() === '') result.add(index);
  });
  return result;
}

function buildTree(text: string, problems: ReadTemplate['problems'], action: RegExp): TemplateNode[] {
  const standalone = standaloneLines(text, action);
  const root: TemplateNode[] = [];
  const stack: Array<{ block: Extract<TemplateNode, { type: 'block' }>; line: number }> = [];
  const current = () => (stack.length ? stack[stack.length - 1].block.branches.at(-1)! : root);
  let last = 0;
  // Each output action has one token, the same in every variant: a document no branch changes reads
  // the same in every variant, so it is parsed once (composition.ts keeps each document's parse).
  let outputs = 0;
  // the line of each action, counted on from the previous one (not from the start: linear in the text)
  let line = 0;
  let counted = 0;
  for (const match of text.matchAll(action)) {
    const index = match.index ?? 0;
    line += countNewlines(text, counted, index);
    counted = index;
    if (index > last) current().push({ type: 'text', text: text.slice(last, index) });
    last = index + match[0].length;
    const newlines = countNewlines(match[0]);
    const { kind, keyword } = classify(match[2]);
    if (kind === 'open') {
      const block = {
        type: 'block' as const,
        kind: (keyword === 'block' ? 'with' : keyword) as 'if',
        branches: [[]],
        hasElse: false,
        conditions: [keyword === 'if' ? match[2].trim().slice(2).trim() : undefined],
      };
      current().push({ type: 'control', newlines });
      current().push(block);
      stack.push({ block, line });
    } else if (kind === 'else') {
      const top = stack.at(-1);
      if (!top) problems.push({ line: line + 1, message: '{{ else }} without an open if/range/with' });
      else {
        top.block.branches.push([{ type: 'control', newlines }]);
        top.block.conditions.push(keyword && /^if\b/.test(keyword) ? keyword.slice(2).trim() : undefined);
        if (!keyword || !/^(if|with)\b/.test(keyword)) top.block.hasElse = true;
      }
    } else if (kind === 'end') {
      if (!stack.length)
        problems.push({ line: line + 1, message: '{{ end }} without an open if/range/with/define' });
      else stack.pop();
      current().push({ type: 'control', newlines });
    } else if (kind === 'output') {
      current().push({
        type: 'output',
        expression: match[0],
        standalone: standalone.has(line),
        newlines,
        token: `${TOKEN_PREFIX}${outputs++}__`,
      });
    } else
      current().push({ type: 'control', newlines, ...(kind === 'assign' ? { assignment: match[2] } : {}) });
  }
  if (last < text.length) current().push({ type: 'text', text: text.slice(last) });
  for (const open of stack)
    problems.push({
      line: open.line + 1,
      message: `{{ ${open.block.kind} }} is never closed with {{ end }}`,
    });
  return root;
}

function variantCount(nodes: TemplateNode[]): number {
  let count = 1;
  for (const node of nodes) {
    if (node.type !== 'block') continue;
    const own = node.kind === 'define' ? 1 : node.branches.length + (node.hasElse ? 0 : 1);
    count = Math.max(count, own, ...node.branches.map(variantCount));
  }
  return Math.min(count, MAX_VARIANTS);
}

function render(
  nodes: TemplateNode[],
  branch: number,
  include: boolean,
  expressions: Map<string, string>,
  conditions: TakenCondition[] = [],
  assignments: string[] = [],
): string {
  let output = '';
  for (const node of nodes) {
    if (node.type === 'text') output += include ? node.text : '\n'.repeat(countNewlines(node.text));
    else if (node.type === 'control') {
      if (include && node.assignment !== undefined) assignments.push(node.assignment);
      output += '\n'.repeat(node.newlines);
    } else if (node.type === 'output') {
      if (!include || node.standalone) output += '\n'.repeat(node.newlines);
      else {
        expressions.set(node.token, node.expression);
        output += node.token + '\n'.repeat(node.newlines);
      }
    } else {
      const chosen = pickBranch(node, branch);
      if (include && node.kind === 'if')
        node.conditions.forEach((expression, index) => {
          if (expression === undefined || (chosen >= 0 && index > chosen)) return;
          conditions.push({ expression, holds: index === chosen });
        });
      node.branches.forEach((branchNodes, index) => {
        output += render(
          branchNodes,
          branch,
          include && index === chosen,
          expressions,
          conditions,
          assignments,
        );
      });
    }
  }
  return output;
}

function pickBranch(block: Extract<TemplateNode, { type: 'block' }>, branch: number): number {
  if (block.kind === 'define') return -1;
  if (block.kind === 'range' || block.kind === 'with') return branch < block.branches.length ? branch : 0;
  if (branch < block.branches.length) return branch;
  return block.hasElse ? block.branches.length - 1 : -1;
}

/** Splits a go-template into line-preserving YAML variants covering every branch. */
export function readGoTemplate(text: string, delimiters?: TemplateDelimiters): ReadTemplate {
  const problems: ReadTemplate['problems'] = [];
  const action = actionPattern(delimiters);
  const tree = buildTree(text, problems, action);
  const expressions = new Map<string, string>();
  const variants: TemplateVariant[] = [];
  const count = variantCount(tree);
  for (let branch = 0; branch < count; branch += 1) {
    const conditions: TakenCondition[] = [];
    const assignments: string[] = [];
    const text = render(tree, branch, true, expressions, conditions, assignments);
    variants.push({ branch, text, conditions, assignments });
  }
  const injectedLines = [...standaloneLines(text, action)].map((line) => line + 1);
  const actions = [...text.matchAll(action)].map((match) => match[2]);
  return { variants, expressions, injectedLines, problems, actions };
}

/** Puts the template source back in place of placeholder tokens. */
export function restoreExpressions(text: string, expressions: Map<string, string>): string {
  // (most keys and field paths hold no placeholder: no regular expression run for them)
  if (!text.includes('__ikvalue')) return text;
  return text.replace(PLACEHOLDER_PATTERN, (token) => expressions.get(token) ?? token);
}
