import { BlockedError } from '../../errors/index.js';
import type { Edit } from '../change-schemas.js';

/** An edit that cannot be applied as given: the track blocks with the edit named. */
export function editError(edit: Edit, reason: string): BlockedError {
  const where = `${edit.file}: ${edit.resource}${edit.path.length ? ` ${edit.path.join('.')}` : ''}`;
  return new BlockedError(`cannot apply the edit "${edit.op}" at ${where}: ${reason}`, {
    hint: 'The IaC Engineer named a resource or field that is not in the code. Run the command again, or make the change by hand.',
  });
}
