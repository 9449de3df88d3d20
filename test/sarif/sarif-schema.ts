import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** A validator for the official SARIF 2.1.0 schema stored under test/fixtures/sarif/. */
export function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'),
  ) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  (addFormats as unknown as (instance: Ajv) => void)(ajv);
  return ajv.compile({ ...rest, $id: id });
}
