/**
 * Services AWS has shut down whose resource types the CloudFormation resource specification in
 * @aws-cdk/aws-service-spec still carries (they have no resource schema in the CloudFormation registry,
 * and cfn-lint 1.51.0 reports all but AWS::OpsWorks as types that do not exist, E3006). Source: each service's
 * end-of-support notice in its AWS documentation; the month is when the service stopped.
 */
const RETIRED_SERVICES: Record<string, { service: string; ended: string }> = {
  'AWS::OpsWorks': { service: 'AWS OpsWorks Stacks', ended: '2024-05' },
  'AWS::OpsWorksCM': { service: 'AWS OpsWorks for Chef Automate and Puppet Enterprise', ended: '2024-05' },
  'AWS::NimbleStudio': { service: 'Amazon Nimble Studio', ended: '2024-06' },
  'AWS::LookoutMetrics': { service: 'Amazon Lookout for Metrics', ended: '2025-10' },
  'AWS::IoTFleetHub': { service: 'AWS IoT Fleet Hub', ended: '2025-10' },
};

/** Why a resource type can no longer be deployed, or undefined when its service runs. */
export function retiredService(type: string): string | undefined {
  const namespace = type.split('::').slice(0, 2).join('::');
  const retired = RETIRED_SERVICES[namespace];
  return retired
    ? `${type}: ${retired.service} was shut down (${retired.ended}); CloudFormation can no longer create this type`
    : undefined;
}
