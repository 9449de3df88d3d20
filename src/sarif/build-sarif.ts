import { SEVERITIES, type Finding, type Severity } from '../findings/finding.js';
import { SECURITY_SEVERITY, sarifLevel } from './security-severity.js';

/** What SARIF says about a rule (reportingDescriptor). */
export interface SarifRuleInfo {
  id: string;
  title: string;
  description?: string;
  controls?: string[];
  helpUri?: string;
}

/** Tool identity of one run. */
export interface SarifTool {
  name: string;
  version?: string;
  informationUri?: string;
}

/** Input of the builder: findings grouped into one run per source tool. */
export interface SarifInput {
  findings: Finding[];
  /** Rule metadata by id; rules without metadata get one built from the findings. */
  rules: Map<string, SarifRuleInfo>;
  /** Tool identity per finding source; `policy` and `verify` share the `infrakit` run. */
  tools: { infrakit: SarifTool } & Partial<Record<Finding['source'], SarifTool>>;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const worst = (severities: Severity[]): Severity =>
  SEVERITIES.find((severity) => severities.includes(severity)) ?? 'info';
const uriOf = (file: string): string => file.replace(/\\/g, '/').replace(/^\.\//, '');

/** Builds one run: rules referenced by index, results with locations, fingerprints and security-severity. */
function buildRun(
  tool: SarifTool,
  findings: Finding[],
  rules: Map<string, SarifRuleInfo>,
): Record<string, unknown> {
  const ruleIds = [...new Set(findings.map((finding) => finding.ruleId))];
  const descriptors = ruleIds.map((id) => {
    const info = rules.get(id);
    const own = findings.filter((finding) => finding.ruleId === id);
    const severity = worst(own.map((finding) => finding.severity));
    const controls = info?.controls ?? own[0]?.controls ?? [];
    const title = info?.title ?? own[0]?.message.slice(0, 120) ?? id;
    return {
      id,
      name: id.replace(/[^A-Za-z0-9]/g, ''),
      shortDescription: { text: title },
      fullDescription: { text: info?.description ?? title },
      help: {
        text: [info?.description ?? title, controls.length ? `Controls: ${controls.join(', ')}` : '']
          .filter(Boolean)
          .join('\n'),
        markdown: `**${title}**\n\n${info?.description ?? ''}${controls.length ? `\n\nControls: ${controls.join(', ')}` : ''}`,
      },
      ...(info?.helpUri ? { helpUri: info.helpUri } : {}),
      defaultConfiguration: { level: sarifLevel(severity) },
      properties: {
        tags: ['security', ...controls],
        precision: 'high',
        ...(severity !== 'info' ? { 'security-severity': SECURITY_SEVERITY[severity] } : {}),
      },
    };
  });
  const results = findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIds.indexOf(finding.ruleId),
    level: sarifLevel(finding.severity),
    message: { text: [finding.message, finding.fix ? `Fix: ${finding.fix}` : ''].filter(Boolean).join(' ') },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(finding.location.file), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: Math.max(1, finding.location.line),
            ...(finding.location.column ? { startColumn: finding.location.column } : {}),
          },
        },
        ...(finding.resourceName
          ? {
              logicalLocations: [
                {
                  name: finding.resourceName,
                  ...(finding.resourceType
                    ? {
                        kind: 'resource',
                        fullyQualifiedName: `${finding.resourceType}/${finding.resourceName}`,
                      }
                    : {}),
                },
              ],
            }
          : {}),
      },
    ],
    ...(finding.fingerprint
      ? { partialFingerprints: { 'infrakitFingerprint/v1': finding.fingerprint } }
      : {}),
    properties: {
      severity: finding.severity,
      source: finding.source,
      ...(finding.severity !== 'info' ? { 'security-severity': SECURITY_SEVERITY[finding.severity] } : {}),
      ...(finding.fieldPath ? { fieldPath: finding.fieldPath } : {}),
    },
  }));
  return {
    tool: {
      driver: {
        name: tool.name,
        ...(tool.version ? { version: tool.version, semanticVersion: tool.version } : {}),
        ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
        rules: descriptors,
      },
    },
    originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The reviewed project root.' } } },
    columnKind: 'utf16CodeUnits',
    results,
  };
}

/**
 * A SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) with one
 * run per tool: infrakit (verify and policy findings), then each external tool that reported.
 */
export function buildSarif(input: SarifInput): Record<string, unknown> {
  const groups = new Map<string, { tool: SarifTool; findings: Finding[] }>();
  groups.set('infrakit', { tool: input.tools.infrakit, findings: [] });
  for (const finding of input.findings) {
    const own =
      finding.source === 'policy' || finding.source === 'verify' ? undefined : input.tools[finding.source];
    const key = own ? finding.source : 'infrakit';
    const group = groups.get(key) ?? { tool: own ?? input.tools.infrakit, findings: [] };
    group.findings.push(finding);
    groups.set(key, group);
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [...groups.values()].map((group) => buildRun(group.tool, group.findings, input.rules)),
  };
}
