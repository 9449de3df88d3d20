/** The controls monitoring maps to (IK-MON-001 metrics and insights, IK-MON-002 alarms). */
export const MONITORING_CONTROLS: readonly string[] = [
  'SOC 2 CC7.1',
  'SOC 2 CC7.2',
  'HIPAA 164.312(b)',
  'PCI-DSS 10.7',
  'NIST 800-53 SI-4',
  'NIST 800-53 AU-6',
  'ISO 27001:2022 A.8.16',
  'FedRAMP Moderate SI-4',
];
