import { byProductionLike } from '../environment-level.js';
import { switchedOn } from '../field-switch.js';
import type { PolicyRule } from '../rule.js';
import { IN_TRANSIT_CONTROLS } from '../transit-controls.js';

const TRANSIT = {
  terraform: 'transit_encryption_enabled',
  cloudformation: 'TransitEncryptionEnabled',
  crossplane: 'transitEncryptionEnabled',
};

/**
 * IK-TLS-003: an ElastiCache replication group (Redis OSS / Valkey) encrypts in transit. Off by default
 * in every tool; without it clients, replicas and the AUTH token travel in clear text. `--fix` sets it.
 */
export const cacheTransitEncryptionRule: PolicyRule = {
  id: 'IK-TLS-003',
  title: 'ElastiCache replication group without encryption in transit',
  rationale:
    'ElastiCache leaves TLS off unless asked: cached session data, replication traffic and the AUTH token cross the network in clear text.',
  controls: [...IN_TRANSIT_CONTROLS],
  severity: byProductionLike('high', 'medium'),
  appliesTo: () => true,
  check(view, context) {
    if (view.entry?.kind !== 'elasticache-replication-group' || view.resource.tool === 'kubernetes')
      return [];
    return switchedOn(
      view,
      TRANSIT,
      context,
      'encryption in transit',
      'the cache accepts connections without TLS (off by default); existing Redis OSS 7+ groups switch through transit encryption mode "preferred", then "required"',
    );
  },
};
