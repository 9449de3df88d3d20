/**
 * Every bound infrakit puts on input it did not write itself: YAML from a repository or a model,
 * and one model answer. Each refusal names the limit (docs/limits.md lists the values and why).
 */
export const INPUT_LIMITS = {
  /** Alias nodes (`*name`) in one YAML document. */
  yamlAliases: 1_000,
  /** Nodes that aliases add when a YAML document is expanded (a 346-byte alias bomb adds billions). */
  yamlAliasExpansionNodes: 100_000,
  /** Files in one code answer of the IaC Engineer. */
  answerFiles: 200,
  /** Bytes of one generated file. */
  answerFileBytes: 1024 * 1024,
  /** Bytes of all files of one code answer together. */
  answerTotalBytes: 8 * 1024 * 1024,
  /** Characters of one file path in an answer, relative to the code folder. */
  answerPathCharacters: 200,
  /** Bytes of one file name (one path segment): most file systems refuse more than 255. */
  answerNameBytes: 120,
  /** Bytes of one artifact (spec, plan, code, gate report...) forwarded to the next prompt. */
  forwardedArtifactBytes: 512 * 1024,
} as const;

export type InputLimitName = keyof typeof INPUT_LIMITS;

/** `the <limit name> limit (<value>)`, as refusals name it. */
export const describeLimit = (name: InputLimitName): string =>
  `the ${name} limit (${INPUT_LIMITS[name].toLocaleString('en-US')})`;
