import type { IacKind } from '../../iac/resource-model.js';

/** A rename of a variable (Terraform), parameter (CloudFormation) or template variable (go-template). */
export interface Rename {
  from: string;
  to: string;
  tool: IacKind;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rewrite rules of one rename: declaration and every reference form of the tool. */
function rules(rename: Rename): Array<[RegExp, string]> {
  const from = escape(rename.from);
  const to = rename.to;
  if (rename.tool === 'terraform') {
    return [
      [new RegExp(`(^\\s*variable\\s+")${from}(")`, 'gm'), `$1${to}$2`],
      [new RegExp(`\\bvar\\.${from}\\b`, 'g'), `var.${to}`],
    ];
  }
  if (rename.tool === 'cloudformation') {
    return [
      [new RegExp(`(!Ref\\s+)${from}\\b`, 'g'), `$1${to}`],
      [new RegExp(`("?Ref"?\\s*:\\s*"?)${from}\\b`, 'g'), `$1${to}`],
      [new RegExp(`\\$\\{${from}([.}])`, 'g'), `\${${to}$1`],
      [new RegExp(`^(\\s+"?)${from}("?\\s*:)`, 'gm'), `$1${to}$2`],
      [new RegExp(`^(\\s*(?:- )?Parameters:\\s*\\[.*)\\b${from}\\b`, 'gm'), `$1${to}`],
    ];
  }
  return [[new RegExp(`\\$${from}\\b`, 'g'), `$${to}`]];
}

/** Applies a rename to one file's text. */
export function applyRename(text: string, rename: Rename): string {
  return rules(rename).reduce(
    (current, [pattern, replacement]) => current.replace(pattern, replacement),
    text,
  );
}

/** True when `after` is `before` with only the rename applied (a reference line a rename may touch). */
export function isRenameOf(before: string, after: string, renames: Rename[]): boolean {
  return renames.some((rename) => before !== after && applyRename(before, rename) === after);
}
