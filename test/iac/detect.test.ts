import { parseAllDocuments } from 'yaml';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { detectFileTool } from '../../src/iac/detect.js';

vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  return { ...actual, parseAllDocuments: vi.fn(actual.parseAllDocuments) };
});

const template = (name: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ${name}:\n    Type: AWS::S3::Bucket\n`;

beforeEach(() => {
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
    const text = template('Once');
    // a new string each time, as readFile gives
    for (let read = 0; read < 3; read += 1)
      expect(detectFileTool('t.yaml', `${text}`.slice(0))).toBe('cloudformation');
    expect(detectFileTool('t.yaml', 'Resources: [1]\n')).toBeUndefined();
    expect(detectFileTool('t.yaml', 'Resources: [1]\n')).toBeUndefined();
    expect(parseAllDocuments).toHaveBeenCalledTimes(2);
  });

  it('remembers a bounded number of texts', () => {
    const first = template('First');
    detectFileTool('t.yaml', first);
    for (let other = 0; other < 8; other += 1) detectFileTool('t.yaml', template(`Other${other}`));
    expect(parseAllDocuments).toHaveBeenCalledTimes(9);
    // the oldest answer was let go: asked again, it is parsed again, with the same answer
    expect(detectFileTool('t.yaml', first)).toBe('cloudformation');
    expect(parseAllDocuments).toHaveBeenCalledTimes(10);
  });
});
