/** Input and output names that hold a secret: passwords, tokens, private keys, connection strings. */
export const SECRET_NAME =
  /(password|passwd|secret|token|private[-_]?key|api[-_]?key|credential|connection[-_]?string)/i;

/** Names that look secret but are not: ARNs, ids and names of a secret, rotation settings. */
const NOT_A_SECRET = /(arn|_id$|Id$|name$|Name$|rotation|length|version)/;

/** Whether a declared input or output name holds a secret value. */
export const holdsSecret = (name: string): boolean => SECRET_NAME.test(name) && !NOT_A_SECRET.test(name);
