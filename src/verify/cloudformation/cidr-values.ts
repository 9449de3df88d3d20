import { createRequire } from 'node:module';
import { isUnknownValue } from '../../iac/resource-model.js';
import { joinPath } from '../../iac/yaml/field-path.js';

/** node:net, loaded on the first CIDR checked (it costs every verify a millisecond at start-up). */
let netModule: typeof import('node:net') | undefined;
const net = (): typeof import('node:net') =>
  (netModule ??= createRequire(import.meta.url)('node:net') as typeof import('node:net'));

/**
 * Properties whose value is an IP network in CIDR notation: the property names that carry
 * `format: ipv4-network` / `ipv6-network` in the CloudFormation registry schemas bundled with
 * cfn-lint 1.51.0 (`CidrIp`, `CidrBlock`, `DestinationCidrBlock`, ...). The resource specification in
 * @aws-cdk/aws-service-spec types them as plain strings.
 */
const CIDR_PROPERTIES = new Set([
  'Cidr',
  'CIDRIP',
  'CidrAllowList',
  'CidrBlock',
  'CidrIp',
  'CidrIpv6',
  'CidrList',
  'Cidrs',
  'DestinationCidr',
  'DestinationCidrBlock',
  'DestinationIpv6CidrBlock',
  'Ipv6CidrBlock',
  'SourceCidrBlock',
]);

/** A CIDR value that is not a network, with the field it is in. */
export interface CidrProblem {
  /** A literal is an error; a parameter's default a warning, since a deploy may pass another value (cfn-lint W1030). */
  level: 'error' | 'warning';
  fieldPath: string;
  message: string;
  fix: string;
}

/**
 * Every CIDR under a CIDR-valued property of a resource's Properties that is not a valid network: a
 * literal, or the `Default` of the parameter a `!Ref` names (`defaults`), as cfn-lint resolves it.
 */
export function cidrProblems(
  body: unknown,
  defaults: Record<string, unknown> = {},
  path = '',
): CidrProblem[] {
  if (Array.isArray(body))
    return body.flatMap((item, index) => cidrProblems(item, defaults, joinPath(path, index)));
  if (typeof body !== 'object' || body === null || isUnknownValue(body)) return [];
  return Object.entries(body).flatMap(([key, value]) => {
    const fieldPath = joinPath(path, key);
    if (!CIDR_PROPERTIES.has(key)) return cidrProblems(value, defaults, fieldPath);
    const items = Array.isArray(value)
      ? value.map((item, index) => [item, joinPath(fieldPath, index)] as const)
      : [[value, fieldPath] as const];
    return items.flatMap(([item, itemPath]) => {
      const parameter =
        isUnknownValue(item) && item.intrinsic?.name === 'Ref' && typeof item.intrinsic.argument === 'string'
          ? item.intrinsic.argument
          : undefined;
      const literal = parameter === undefined ? item : defaults[parameter];
      if (typeof literal !== 'string') return [];
      const problem = networkProblem(literal);
      if (!problem) return [];
      const where = parameter === undefined ? '' : ` (the default of parameter ${parameter})`;
      return [
        {
          level: parameter === undefined ? ('error' as const) : ('warning' as const),
          fieldPath: itemPath,
          message: `${JSON.stringify(literal)}${where} is not an IP network: ${problem.what}`,
          fix: problem.fix,
        },
      ];
    });
  });
}

/** Why `value` is not a network in CIDR notation (strictly, as Python's `ipaddress` and so cfn-lint read it). */
export function networkProblem(value: string): { what: string; fix: string } | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(value.trim());
  if (!match)
    return { what: 'expected address/prefix, e.g. 10.0.0.0/16', fix: 'write the network as address/prefix' };
  const [, address, prefixText] = match;
  const prefix = Number(prefixText);
  const { isIPv4, isIPv6 } = net();
  const v4 = isIPv4(address);
  if (!v4 && !isIPv6(address))
    return { what: `${address} is not an IPv4 or IPv6 address`, fix: 'write a valid address' };
  const bits = v4 ? 32 : 128;
  if (prefix > bits)
    return {
      what: `the prefix /${prefix} is longer than ${bits} bits`,
      fix: `use a prefix from /0 to /${bits}`,
    };
  const number = v4 ? ipv4Number(address) : ipv6Number(address);
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  if ((number & hostMask) === 0n) return undefined;
  const network = formatAddress(number & ~hostMask & ((1n << BigInt(bits)) - 1n), v4);
  return {
    what: `host bits are set for /${prefix} (the network of ${address}/${prefix} is ${network}/${prefix})`,
    fix: `write ${network}/${prefix}, or the prefix you meant (e.g. ${address}/${bits === 32 ? 32 : 128} for one host)`,
  };
}

const ipv4Number = (address: string): bigint =>
  address.split('.').reduce((total, octet) => (total << 8n) | BigInt(Number(octet)), 0n);

function ipv6Number(address: string): bigint {
  let text = address;
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const tail = ipv4Number(v4Tail[1]);
    text = `${text.slice(0, v4Tail.index)}${(tail >> 16n).toString(16)}:${(tail & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.reduce((total, group) => (total << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function formatAddress(number: bigint, v4: boolean): string {
  if (v4) return [24n, 16n, 8n, 0n].map((shift) => String((number >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, index) =>
    ((number >> BigInt(112 - index * 16)) & 0xffffn).toString(16),
  );
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}
