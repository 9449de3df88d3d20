/** The controls encryption in transit maps to (IK-TLS-001 buckets, IK-TLS-002 databases). */
export const IN_TRANSIT_CONTROLS: readonly string[] = [
  'SOC 2 CC6.7',
  'HIPAA 164.312(e)(1)',
  'PCI-DSS 4.2',
  'NIST 800-53 SC-8',
  'NIST 800-53 AC-17',
  'ISO 27001:2022 A.8.24',
  'FedRAMP Moderate SC-8',
];
