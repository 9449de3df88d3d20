import type { PolicyRule, RuleContext, Violation } from '../rule.js';
import { requiredOrAdvice } from '../rule.js';
import { fullPath, lineOf, type ResourceView } from '../resource-view.js';
import { asRecord, withInputDefault } from '../values.js';

/** A prefix length of 0 matches every address, whatever the address part (`0.0.0.0/0`, `192.168.1.0/0`, `::/0`). */
const isOpenCidr = (cidr: string): boolean => /\/0$/.test(cidr.trim());

type Inputs = RuleContext['parsed']['inputs'];

const openIn = (value: unknown, inputs: Inputs): Array<{ cidr: string; fromInput?: string }> => {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((item) => {
    const resolved = withInputDefault(item, inputs);
    return typeof resolved.value === 'string' && isOpenCidr(resolved.value)
      ? [{ cidr: resolved.value.trim(), ...(resolved.fromInput ? { fromInput: resolved.fromInput } : {}) }]
      : [];
  });
};

/** Each ingress entry that opens to the world, with its path relative to the view's arguments. */
function openIngress(
  view: ResourceView,
  inputs: Inputs,
): Array<{ path: string; cidr: string; fromInput?: string }> {
  const found: Array<{ path: string; cidr: string; fromInput?: string }> = [];
  const args = view.arguments;
  const kind = view.entry?.kind;
  const check = (record: Record<string, unknown>, path: string, fields: string[]) => {
    for (const field of fields)
      for (const open of openIn(record[field], inputs)) found.push({ path: `${path}${field}`, ...open });
  };
  if (kind === 'security-group') {
    const list = view.resource.tool === 'cloudformation' ? args.SecurityGroupIngress : args.ingress;
    (Array.isArray(list) ? list : []).forEach((item, index) => {
      const record = asRecord(item);
      const base = `${view.resource.tool === 'cloudformation' ? 'SecurityGroupIngress' : 'ingress'}[${index}].`;
      if (record) check(record, base, ['CidrIp', 'CidrIpv6', 'cidr_blocks', 'ipv6_cidr_blocks']);
    });
  } else if (kind === 'security-group-rule') {
    if (args.type === 'ingress')
      check(args, '', ['cidr_blocks', 'ipv6_cidr_blocks', 'cidrBlocks', 'ipv6CidrBlocks']);
  } else if (kind === 'security-group-ingress') {
    check(args, '', ['CidrIp', 'CidrIpv6', 'cidr_ipv4', 'cidr_ipv6', 'cidrIpv4', 'cidrIpv6']);
  }
  return found;
}

/** IK-PUB-003: no ingress from 0.0.0.0/0 or ::/0. */
export const openIngressRule: PolicyRule = {
  id: 'IK-PUB-003',
  title: 'Ingress open to the internet',
  rationale:
    'An ingress rule from 0.0.0.0/0 or ::/0 lets anyone on the internet reach the port; private-only networks never need it.',
  controls: [
    'SOC 2 CC6.6',
    'PCI-DSS 1.3',
    'NIST 800-53 SC-7',
    'CIS AWS Foundations v3.0 5.2',
    'CIS AWS Foundations v3.0 5.3',
  ],
  severity: requiredOrAdvice((environment) => !environment.publicAccess, 'high', 'medium'),
  appliesTo: () => true,
  check(view, context) {
    return openIngress(view, context.parsed.inputs).map((entry): Violation => ({
      message: `ingress from ${entry.cidr} (${entry.path}${entry.fromInput ? `, the default of ${entry.fromInput}` : ''})${entry.cidr.startsWith('0.0.0.0') || entry.cidr === '::/0' ? '' : ': a /0 prefix matches every address'}`,
      fieldPath: fullPath(view, entry.path),
      line: lineOf(view, entry.path),
      fix: 'Allow only the CIDR of the VPC or a source security group.',
    }));
  },
};
