import { isUnknownValue } from '../iac/resource-model.js';
import { asRecord } from './values.js';

/** Field names that hold credentials. */
const SECRET_KEY = /(password|passwd|secret|token|api[-_]?key|private[-_]?key|access[-_]?key|credential)s?$/i;
/** Field names that look like secrets but hold references, flags or sizes. */
const NOT_A_SECRET =
  /(ref|selector|arn|id|name|length|manage.*|enabled|rotation.*|kms.*|type|version|policy|path|_wo|wo_version)$/i;
/** Values that are secrets wherever they appear. Links: AWS access key id format; PEM private keys. */
const SECRET_VALUES: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b/, what: 'a GitHub token' },
  { pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,}/, what: 'a Slack token' },
];

/** One literal credential found in a value tree. */
export interface SecretHit {
  path: string;
  what: string;
}

const placeholderLike = (value: string): boolean =>
  value.trim() === '' || /__ikvalue\d+__|\{\{|\$\{|^<.*>$|^\*+$/.test(value);

/** Whether a field named `key` holding `value` is a hard-coded secret, and what kind. */
export function secretIn(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || placeholderLike(value)) return undefined;
  const known = SECRET_VALUES.find((entry) => entry.pattern.test(value));
  if (known) return known.what;
  if (SECRET_KEY.test(key) && !NOT_A_SECRET.test(key)) return `a literal value for ${key}`;
  return undefined;
}

/** Walks a value tree and returns every literal credential, with dotted paths. */
export function findSecrets(root: unknown, prefix = ''): SecretHit[] {
  const hits: SecretHit[] = [];
  const walk = (value: unknown, key: string, path: string) => {
    if (isUnknownValue(value)) return;
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, key, `${path}[${index}]`));
    else if (asRecord(value))
      for (const [childKey, child] of Object.entries(value as Record<string, unknown>))
        walk(child, childKey, path ? `${path}.${childKey}` : childKey);
    else {
      const what = secretIn(key, value);
      if (what) hits.push({ path, what });
    }
  };
  walk(root, '', prefix);
  return hits;
}
