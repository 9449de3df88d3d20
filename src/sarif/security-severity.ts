import type { Severity } from '../findings/finding.js';

/**
 * GitHub code scanning reads `properties.security-severity` (0.0-10.0) and maps it to
 * critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
 */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** SARIF `level` for a severity: error for critical/high, warning for medium, note below. */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  if (severity === 'critical' || severity === 'high') return 'error';
  return severity === 'medium' ? 'warning' : 'note';
}
