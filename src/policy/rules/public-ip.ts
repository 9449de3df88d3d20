import type { PolicyRule, Violation } from '../rule.js';
import { requiredOrAdvice } from '../rule.js';
import { fullPath, lineOf, readField, type FieldNames } from '../resource-view.js';
import { truthOf } from '../values.js';

const FIELDS: Record<string, FieldNames[]> = {
  subnet: [
    {
      terraform: 'map_public_ip_on_launch',
      cloudformation: 'MapPublicIpOnLaunch',
      crossplane: 'mapPublicIpOnLaunch',
    },
  ],
  'ec2-instance': [
    {
      terraform: 'associate_public_ip_address',
      cloudformation: 'NetworkInterfaces.AssociatePublicIpAddress',
      crossplane: 'associatePublicIpAddress',
    },
  ],
  'launch-template': [
    {
      terraform: 'network_interfaces.associate_public_ip_address',
      crossplane: 'networkInterfaces.associatePublicIpAddress',
    },
  ],
};

/** IK-PUB-004: subnets and instances do not hand out public IPs where public access is forbidden. */
export const publicIpRule: PolicyRule = {
  id: 'IK-PUB-004',
  title: 'Public IP assigned',
  rationale:
    'A public IP puts the instance on the internet directly; private subnets behind NAT are the baseline.',
  controls: ['SOC 2 CC6.6', 'PCI-DSS 1.3', 'NIST 800-53 SC-7'],
  severity: requiredOrAdvice((environment) => !environment.publicAccess),
  appliesTo: () => true,
  check(view) {
    const fields = view.entry ? FIELDS[view.entry.kind] : undefined;
    if (!fields) return [];
    return fields.flatMap((names): Violation[] => {
      const field = readField(view, names);
      if (!field.path || truthOf(field.value) !== 'yes') return [];
      return [
        {
          message: `${field.path} is true: the resource gets a public IP`,
          fieldPath: fullPath(view, field.path),
          line: lineOf(view, field.path),
          fix: `Set ${field.path} to false.`,
          autofix: { kind: 'set', path: [field.path], value: false },
        },
      ];
    });
  },
};
