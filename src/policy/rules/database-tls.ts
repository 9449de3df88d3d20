import { isUnknownValue, type UnknownValue } from '../../iac/resource-model.js';
import { boundedValues } from '../input-values.js';
import { cannotSee } from '../cannot-see.js';
import { byProductionLike } from '../environment-level.js';
import {
  groupReference,
  parameterSetting,
  type ParameterValue,
  TLS_SETTINGS,
  tlsSettingOf,
} from '../database-parameter-groups.js';
import type { PolicyRule, RuleContext, Violation } from '../rule.js';
import { IN_TRANSIT_CONTROLS } from '../transit-controls.js';
import { fullPath, lineOf, readField, type ResourceView } from '../resource-view.js';
import { literalString } from '../values.js';

/** The parameter group field of an instance (non-Aurora) or of an Aurora cluster, per tool. */
const GROUP_FIELD = {
  'rds-instance': {
    terraform: 'parameter_group_name',
    cloudformation: 'DBParameterGroupName',
    crossplane: 'parameterGroupName',
  },
  'rds-cluster': {
    terraform: 'db_cluster_parameter_group_name',
    cloudformation: 'DBClusterParameterGroupName',
    crossplane: 'dbClusterParameterGroupName',
  },
} as const;

const GROUP_KIND = { 'rds-instance': 'rds-parameter-group', 'rds-cluster': 'rds-cluster-parameter-group' };

const engineOf = (view: ResourceView): string =>
  literalString(
    readField(view, { terraform: 'engine', cloudformation: 'Engine', crossplane: 'engine' }).value,
  ) ?? '';

/** RDS for PostgreSQL 15 and later ships `rds.force_ssl = 1` in its default parameter group. */
function defaultForcesTls(view: ResourceView, context: RuleContext): 'yes' | 'no' | UnknownValue {
  if (engineOf(view) !== 'postgres') return 'no';
  const version = readField(view, {
    terraform: 'engine_version',
    cloudformation: 'EngineVersion',
    crossplane: 'engineVersion',
  }).value;
  if (version === undefined) return 'yes';
  const versions = boundedValues(version, context.parsed) ?? [version];
  const majors = versions.map((candidate) =>
    Number(/^(\d+)/.exec(literalString(candidate) ?? String(candidate))?.[1] ?? Number.NaN),
  );
  if (majors.every((major) => major >= 15)) return 'yes';
  if (isUnknownValue(version) && majors.some(Number.isNaN)) return version;
  return 'no';
}

/** CloudFormation: set the map entry; Terraform and upjet: add a parameter block, or (upjet) rewrite its value. */
function tlsAutofix(
  view: ResourceView,
  name: string,
  value: string,
  found: ParameterValue,
): Pick<Violation, 'autofix'> {
  if (view.resource.tool === 'cloudformation')
    return { autofix: { kind: 'set', path: ['Parameters', name], value } };
  const item =
    view.resource.tool === 'crossplane' ? { name, value, applyMethod: 'pending-reboot' } : { name, value };
  if (found.kind === 'absent') return { autofix: { kind: 'append', path: ['parameter'], value: item } };
  const index = /^parameter\[(\d+)\]/.exec(found.path)?.[1];
  return view.resource.tool === 'crossplane' && index !== undefined
    ? { autofix: { kind: 'set', path: ['parameter', index, 'value'], value } }
    : {};
}

/** A parameter group's own check: the TLS setting its family needs is on. */
function checkGroup(view: ResourceView): Violation[] {
  const family = literalString(
    readField(view, { terraform: 'family', cloudformation: 'Family', crossplane: 'family' }).value,
  );
  const setting = family ? tlsSettingOf(family, view.entry?.kind) : undefined;
  if (!setting) return [];
  const found = parameterSetting(view, setting.name);
  const where = { fieldPath: fullPath(view, found.path), line: lineOf(view, found.path) };
  if (found.kind === 'unknown')
    return [
      cannotSee(
        `whether ${setting.name} is on`,
        found.value,
        where,
        'Write the parameter list literally so the TLS setting can be read.',
      ),
    ];
  if (found.kind === 'set' && setting.on.includes(String(found.value).toLowerCase())) return [];
  return [
    {
      ...where,
      message:
        found.kind === 'set'
          ? `${setting.name} is ${String(found.value)} in the ${family} parameter group: connections without TLS are accepted`
          : `the ${family} parameter group does not set ${setting.name}: connections without TLS are accepted`,
      fix: `Set the parameter ${setting.name} = ${setting.on[0]}.`,
      ...tlsAutofix(view, setting.name, setting.on[0], found),
    },
  ];
}

/** An instance or Aurora cluster: it names a parameter group in the source, or the default one is judged. */
function checkDatabase(
  view: ResourceView,
  kind: 'rds-instance' | 'rds-cluster',
  context: RuleContext,
): Violation[] {
  const engine = engineOf(view);
  if (
    kind === 'rds-instance' &&
    (engine.startsWith('aurora') || view.arguments.DBClusterIdentifier !== undefined)
  )
    return [];
  if (kind === 'rds-cluster' && !engine.startsWith('aurora')) return [];
  const setting = TLS_SETTINGS.find((candidate) => candidate.engine.test(engine));
  if (!setting) return [];
  const names = GROUP_FIELD[kind];
  const field = readField(view, names);
  const path = field.path ?? names.terraform;
  const reference = groupReference(view, field.value, path);
  if (reference.kind === 'absent') {
    const byDefault = kind === 'rds-instance' ? defaultForcesTls(view, context) : 'no';
    if (byDefault === 'yes') return [];
    if (byDefault !== 'no')
      return [
        cannotSee(
          'whether the default parameter group forces TLS (PostgreSQL 15 and later do)',
          byDefault,
          { fieldPath: fullPath(view, path), line: lineOf(view) },
          `Bound the engine version to 15 or later, or set a parameter group with ${setting.name} = ${setting.on[0]}.`,
        ),
      ];
    return [
      {
        fieldPath: fullPath(view, path),
        line: lineOf(view),
        message: `no ${kind === 'rds-cluster' ? 'cluster ' : ''}parameter group is set: the default group leaves ${setting.name} off, so connections without TLS are accepted`,
        fix: `Create a ${kind === 'rds-cluster' ? 'cluster ' : ''}parameter group with ${setting.name} = ${setting.on[0]} and set ${path} to it.`,
      },
    ];
  }
  const groups = context.views.filter(
    (candidate) =>
      candidate.entry?.kind === GROUP_KIND[kind] &&
      candidate.resource.tool === view.resource.tool &&
      reference.matches(candidate),
  );
  if (groups.length > 0) return [];
  const shown = isUnknownValue(reference.value) ? reference.value : String(reference.value);
  return [
    cannotSee(
      `whether the parameter group forces TLS (${setting.name})`,
      shown,
      { fieldPath: fullPath(view, path), line: lineOf(view, path) },
      `Define the parameter group in the same source with ${setting.name} = ${setting.on[0]}, or review it where it is defined.`,
    ),
  ];
}

/**
 * IK-TLS-002: databases refuse connections without TLS. RDS and Aurora accept plain connections
 * unless the parameter group sets `rds.force_ssl = 1` (PostgreSQL, SQL Server) or
 * `require_secure_transport = ON` (MySQL, MariaDB, Aurora MySQL). Checked on every parameter group of
 * those families, and on every instance or Aurora cluster left on the default group.
 */
export const databaseTlsRule: PolicyRule = {
  id: 'IK-TLS-002',
  title: 'Database accepts connections without TLS',
  rationale:
    'RDS encrypts connections only when the client asks; without rds.force_ssl or require_secure_transport a misconfigured client sends credentials and data in clear text.',
  controls: [...IN_TRANSIT_CONTROLS],
  severity: byProductionLike('high', 'medium'),
  appliesTo: () => true,
  check(view, context) {
    const kind = view.entry?.kind;
    if (view.resource.tool === 'kubernetes') return [];
    if (kind === 'rds-parameter-group' || kind === 'rds-cluster-parameter-group') return checkGroup(view);
    if (kind === 'rds-instance' || kind === 'rds-cluster') return checkDatabase(view, kind, context);
    return [];
  },
};
