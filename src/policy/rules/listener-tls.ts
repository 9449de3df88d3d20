import { isUnknownValue } from '../../iac/resource-model.js';
import { cannotSee } from '../cannot-see.js';
import { byProductionLike } from '../environment-level.js';
import { fieldValues, fieldWhere } from '../field-switch.js';
import type { PolicyRule, RuleContext, Violation } from '../rule.js';
import { IN_TRANSIT_CONTROLS } from '../transit-controls.js';
import { fieldName, readField, type ResourceView } from '../resource-view.js';
import { asRecord, literalString, readPath } from '../values.js';

const PROTOCOL = { terraform: 'protocol', cloudformation: 'Protocol', crossplane: 'protocol' };
const SSL_POLICY = { terraform: 'ssl_policy', cloudformation: 'SslPolicy', crossplane: 'sslPolicy' };
const CERTIFICATE = {
  terraform: 'certificate_arn',
  cloudformation: 'Certificates',
  crossplane: 'certificateArn',
};
const ACTIONS = {
  terraform: 'default_action',
  cloudformation: 'DefaultActions',
  crossplane: 'defaultAction',
};

/** The predefined ELB policies that accept only TLS 1.2 and later (TLS13-1-2/1-3, TLS-1-2, FS-1-2 and their variants). */
const MODERN_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;
export const RECOMMENDED_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

const field = (view: ResourceView, names: Record<string, string>): string =>
  fieldName(view, names) ?? names.terraform;

/** HTTP listener: every default action redirects to HTTPS or answers a fixed response. */
function checkPlainListener(view: ResourceView): Violation[] {
  const { value } = readField(view, ACTIONS);
  const where = fieldWhere(view, ACTIONS);
  if (isUnknownValue(value))
    return [
      cannotSee(
        'whether the HTTP listener redirects to HTTPS',
        value,
        where,
        'Write the default action literally.',
      ),
    ];
  const actions = (Array.isArray(value) ? value : [value])
    .map(asRecord)
    .filter((action) => action !== undefined);
  const serves = actions.filter((action) => {
    const type = String(action.type ?? action.Type ?? '').toLowerCase();
    if (type === 'fixed-response') return false;
    if (type !== 'redirect') return true;
    const protocol = readPath(action, 'redirect.protocol') ?? readPath(action, 'RedirectConfig.Protocol');
    return String(protocol ?? '').toUpperCase() !== 'HTTPS';
  });
  if (serves.length === 0 && actions.length > 0) return [];
  return [
    {
      ...where,
      message: `the listener serves plain HTTP: its ${field(view, ACTIONS)} ${serves.length ? `is ${String(serves[0].type ?? serves[0].Type ?? 'unset')}, not a redirect to HTTPS` : 'is not set'}`,
      fix: 'Make the HTTP listener redirect to HTTPS (type redirect, protocol HTTPS, port 443, status HTTP_301) and serve the application from an HTTPS listener.',
    },
  ];
}

/** HTTPS or TLS listener: a security policy that accepts only TLS 1.2 and later. */
function checkTlsListener(view: ResourceView, context: RuleContext): Violation[] {
  const policies = fieldValues(view, SSL_POLICY, context);
  const where = fieldWhere(view, SSL_POLICY);
  const name = field(view, SSL_POLICY);
  if (isUnknownValue(policies))
    return [
      cannotSee('whether the listener refuses TLS 1.0 and 1.1', policies, where, `Write ${name} literally.`),
    ];
  const weak = policies.find((policy) => !MODERN_POLICY.test(String(policy ?? '')));
  if (weak === undefined && policies.length > 0 && policies.every((policy) => policy !== undefined))
    return [];
  return [
    {
      ...where,
      message:
        weak === undefined
          ? `${name} is not set: the API's default, ELBSecurityPolicy-2016-08, accepts TLS 1.0 and 1.1`
          : `${name} is ${String(weak)}, which accepts TLS versions before 1.2`,
      fix: `Set ${name} to ${RECOMMENDED_POLICY} (TLS 1.2 and 1.3 only).`,
      autofix: { kind: 'set', path: [name], value: RECOMMENDED_POLICY },
    },
  ];
}

/**
 * IK-TLS-004: load balancer listeners (`aws_lb_listener` / `aws_alb_listener`,
 * `AWS::ElasticLoadBalancingV2::Listener`, upjet `LBListener`) encrypt in transit: an HTTP listener
 * only redirects to HTTPS (or answers a fixed response); an HTTPS or TLS listener names a security
 * policy of TLS 1.2 and later. `--fix` sets that policy; a redirect is a design change, not fixed.
 */
export const listenerTlsRule: PolicyRule = {
  id: 'IK-TLS-004',
  title: 'Load balancer listener without modern TLS',
  rationale:
    'An HTTP listener that forwards sends sessions and credentials in clear text; an HTTPS listener on the default policy still negotiates TLS 1.0 and 1.1, which PCI-DSS and NIST SP 800-52 no longer allow.',
  controls: [...IN_TRANSIT_CONTROLS],
  severity: byProductionLike('high', 'medium'),
  appliesTo: () => true,
  check(view, context) {
    if (view.entry?.kind !== 'lb-listener' || view.resource.tool === 'kubernetes') return [];
    const protocols = fieldValues(view, PROTOCOL, context);
    if (isUnknownValue(protocols))
      return [
        cannotSee(
          'the listener protocol',
          protocols,
          fieldWhere(view, PROTOCOL),
          `Write ${field(view, PROTOCOL)} literally.`,
        ),
      ];
    const certificate = readField(view, CERTIFICATE).value !== undefined;
    // A Gateway Load Balancer listener has neither protocol nor port: GENEVE, nothing to encrypt here.
    const port = readField(view, { terraform: 'port', cloudformation: 'Port', crossplane: 'port' }).value;
    if (protocols.length === 1 && protocols[0] === undefined && port === undefined) return [];
    const kinds = new Set(
      protocols.map((protocol) =>
        protocol === undefined
          ? certificate
            ? 'HTTPS'
            : 'HTTP'
          : (literalString(protocol) ?? '').toUpperCase(),
      ),
    );
    return [
      ...(kinds.has('HTTP') ? checkPlainListener(view) : []),
      ...(kinds.has('HTTPS') || kinds.has('TLS') ? checkTlsListener(view, context) : []),
    ];
  },
};
