import { describe, expect, it } from 'vitest';
import type { SchemaNode } from '../../src/schemas/schema-node.js';
import { descriptionValues, isAnotherFieldsList } from '../../src/verify/description-values.js';

describe('upjet "Valid values" in descriptions', () => {
  it.each([
    [
      'The value type of a feature. Valid values are Integral, Fractional, or String.',
      ['Integral', 'Fractional', 'String'],
    ],
    [
      'Type of flow trigger. Valid values are Scheduled, Event, and OnDemand.',
      ['Scheduled', 'Event', 'OnDemand'],
    ],
    [
      'Integration type. Valid values: AWS (supported only for WebSocket APIs), AWS_PROXY, HTTP (supported only for WebSocket APIs), HTTP_PROXY, MOCK.',
      ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK'],
    ],
    [
      "The webhook filter group's type. Valid values for this parameter are: EVENT, BASE_REF, HEAD_REF.",
      ['EVENT', 'BASE_REF', 'HEAD_REF'],
    ],
    ['The format of the payload. Valid values: 1.0, 2.0. Default is 1.0.', ['1.0', '2.0']],
  ])('reads %s', (description, values) => {
    expect(descriptionValues(description)).toEqual(values);
  });

  it.each([
    'The bandwidth. Valid values for dedicated connections: 1Gbps, 10Gbps. Valid values for hosted connections: 50Mbps, 1Gbps.',
    'Scopes the resources. Valid values are ALL (all of them), COUNT(n) (n of them), PERCENT(n) (n percent).',
    'HTTP response code. Valid values are 2XX, 4XX, or 5XX.',
    'The only valid value is sigv4.',
  ])('reads no list from %s', (description) => {
    expect(descriptionValues(description)).toBeUndefined();
  });

  const keyspacesTable: SchemaNode = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          forProvider: {
            type: 'object',
            properties: {
              encryptionSpecification: {
                type: 'object',
                properties: {
                  type: {
                    type: 'string',
                    description:
                      'The encryption option specified for the table. Valid values: AWS_OWNED_KMS_KEY, CUSTOMER_MANAGED_KMS_KEY.',
                  },
                },
              },
              clientSideTimestamps: {
                type: 'object',
                properties: {
                  status: {
                    type: 'string',
                    description:
                      'Shows how to enable client-side timestamps settings for the specified table. Valid values: ENABLED.',
                  },
                },
              },
              schemaDefinition: {
                type: 'object',
                properties: {
                  column: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        type: {
                          type: 'string',
                          description:
                            'The encryption option specified for the table. Valid values: AWS_OWNED_KMS_KEY, CUSTOMER_MANAGED_KMS_KEY.',
                        },
                      },
                    },
                  },
                },
              },
              pointInTimeRecovery: {
                type: 'object',
                properties: {
                  status: {
                    type: 'string',
                    description:
                      'Shows how to enable client-side timestamps settings for the specified table. Valid values: ENABLED, DISABLED.',
                  },
                },
              },
            },
          },
        },
      },
    },
  };
  const forProvider = keyspacesTable.properties!.spec.properties!.forProvider.properties!;

  it("takes a list naming a sibling field's concept and repeating its list as that field's (Keyspaces column type)", () => {
    const description = forProvider.schemaDefinition.properties!.column.items!.properties!.type.description!;
    const segments = ['spec', 'forProvider', 'schemaDefinition', 'column', 0, 'type'];
    expect(isAnotherFieldsList(description, descriptionValues(description)!, segments, keyspacesTable)).toBe(
      true,
    );
  });

  it('keeps the list of the field the concept belongs to (encryptionSpecification.type)', () => {
    const description = forProvider.encryptionSpecification.properties!.type.description!;
    const segments = ['spec', 'forProvider', 'encryptionSpecification', 'type'];
    expect(isAnotherFieldsList(description, descriptionValues(description)!, segments, keyspacesTable)).toBe(
      false,
    );
  });

  it('does not drop a list that names a sibling concept but differs from its list', () => {
    const description = forProvider.pointInTimeRecovery.properties!.status.description!;
    const segments = ['spec', 'forProvider', 'pointInTimeRecovery', 'status'];
    expect(isAnotherFieldsList(description, ['ENABLED', 'DISABLED'], segments, keyspacesTable)).toBe(false);
    expect(isAnotherFieldsList(description, ['ENABLED'], segments, keyspacesTable)).toBe(true);
  });
});
