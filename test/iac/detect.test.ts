import { parseAllDocuments, parseDocument } from 'yaml';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCloudFormation } from '../../src/iac/cloudformation/parse-template.js';
import { detectFileTool } from '../../src/iac/detect.js';

vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  return {
    ...actual,
    parseDocument: vi.fn(actual.parseDocument),
    parseAllDocuments: vi.fn(actual.parseAllDocuments),
  };
});

const template = (name: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ${name}:\n    Type: AWS::S3::Bucket\n`;
/** A template only the `yaml` parser reads (JSON is not block-style YAML: no quick read). */
const jsonTemplate = (name: string) =>
  `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "${name}": { "Type": "AWS::S3::Bucket" }\n  }\n}\n`;

beforeEach(() => {
  vi.mocked(parseDocument).mockClear();
  vi.mocked(parseAllDocuments).mockClear();
});

describe('detectFileTool', () => {
  it('tells CloudFormation, manifests and Terraform apart', () => {
    expect(detectFileTool('t.yaml', template('Logs'))).toBe('cloudformation');
    expect(detectFileTool('t.yaml', 'Resources:\n  - not a template\n')).toBeUndefined();
    expect(detectFileTool('m.yaml', 'apiVersion: v1\nkind: ConfigMap\n')).toBe('kubernetes');
    expect(detectFileTool('main.tf', 'resource "aws_s3_bucket" "b" {}')).toBe('terraform');
    expect(detectFileTool('notes.txt', template('Logs'))).toBeUndefined();
  });

  it('parses a text once however often it is asked about (verify asks three times per file)', () => {
    const text = jsonTemplate('Once');
    // a new string each time, as readFile gives
    for (let read = 0; read < 3; read += 1)
      expect(detectFileTool('t.yaml', `${text}`.slice(0))).toBe('cloudformation');
    expect(detectFileTool('t.yaml', '{ "Resources": [1] }\n')).toBeUndefined();
    expect(detectFileTool('t.yaml', '{ "Resources": [1] }\n')).toBeUndefined();
    expect(parseDocument).toHaveBeenCalledTimes(2);
  });

  it('remembers a bounded number of texts', () => {
    const first = jsonTemplate('First');
    detectFileTool('t.yaml', first);
    for (let other = 0; other < 8; other += 1) detectFileTool('t.yaml', jsonTemplate(`Other${other}`));
    expect(parseDocument).toHaveBeenCalledTimes(9);
    // the oldest answer was let go: asked again, it is parsed again, with the same answer
    expect(detectFileTool('t.yaml', first)).toBe('cloudformation');
    expect(parseDocument).toHaveBeenCalledTimes(10);
  });

  it('reads a template once to detect and to parse it (the parse reuses the document)', () => {
    const text = `{\n  "Resources": {\n    "Shared": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": { "BucketName": { "Fn::Sub": "\${AWS::StackName}-logs" } }\n    }\n  }\n}\n`;
    expect(detectFileTool('t.json', text)).toBe('cloudformation');
    const parsed = parseCloudFormation(text.slice(0), 't.json');
    expect(parseDocument).toHaveBeenCalledTimes(1);
    expect(parseAllDocuments).not.toHaveBeenCalled();
    expect(parsed.errors).toEqual([]);
    expect(parsed.resources.map((resource) => [resource.name, resource.location.line])).toEqual([
      ['Shared', 3],
    ]);
    expect(parsed.resources[0].body.BucketName).toMatchObject({ unknown: true });
    // another text is read anew
    parseCloudFormation(jsonTemplate('Other'), 't.json');
    expect(parseDocument).toHaveBeenCalledTimes(2);
  });

  it('reads a block-style template without the yaml parser, with the same resources and lines', () => {
    const text = `${template('Quick')}    Properties:\n      BucketName: !Sub '\${AWS::StackName}-logs'\n      Tags: [{ Key: team, Value: !Ref Team }]\n`;
    expect(detectFileTool('t.yaml', text)).toBe('cloudformation');
    const parsed = parseCloudFormation(text, 't.yaml');
    expect(parseDocument).not.toHaveBeenCalled();
    expect(parsed.errors).toEqual([]);
    expect(parsed.resources.map((resource) => [resource.name, resource.location.line])).toEqual([
      ['Quick', 3],
    ]);
    expect(parsed.resources[0].body.BucketName).toMatchObject({
      unknown: true,
      expression: expect.stringContaining('!Sub'),
    });
    expect(parsed.resources[0].fieldLines['Tags[0].Value']).toBe(7);
  });

  it('prints no yaml warning while deciding, and still detects a multi-document template', () => {
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const keyed = `${template('Keyed')}Metadata:\n  ? [a, b]\n  : c\n`;
      expect(detectFileTool('t.yaml', keyed)).toBe('cloudformation');
      expect(warnings).not.toHaveBeenCalled();
    } finally {
      warnings.mockRestore();
    }
    const twoDocuments = `${template('First')}---\napiVersion: v1\nkind: ConfigMap\n`;
    expect(detectFileTool('t.yaml', twoDocuments)).toBe('cloudformation');
    expect(parseCloudFormation(twoDocuments, 't.yaml').errors[0]?.message).toMatch(/multiple documents/);
  });
});
