import { createHash } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { canonicalJson } from './canonical-json';
import { YamlWriter } from '../engine/yaml-writer';

/** One file of the synth output, as text. */
export interface OutputFile {
  /** Path relative to the output directory, with `/` separators. */
  readonly path: string;
  /** The file's text, written as it is. */
  readonly content: string;
}

/** One file of the synth output before it is serialized. */
export interface StagedFile {
  /** Path relative to the output directory, with `/` separators. */
  readonly path: string;
  /** `text` is written as it is, `json` as canonical JSON, `yaml` as a Kubernetes manifest. */
  readonly format: 'text' | 'json' | 'yaml';
  /** The text, or the JSON value to serialize. */
  readonly value: unknown;
}

/** Size and SHA-256 of a written file, as `manifest.json` lists it. */
export interface FileDigest {
  /** Path relative to the output directory, with `/` separators. */
  readonly path: string;
  /** The file's size in bytes. */
  readonly bytes: number;
  /** The SHA-256 of the file's bytes, as lowercase hex. */
  readonly sha256: string;
}

/** Serializes `file` and writes it under `directory`, making its parent unless `made` has it. */
export function writeStagedFile(directory: string, file: StagedFile, yaml: YamlWriter, made: Set<string>): FileDigest {
  const content = file.format === 'json' ? canonicalJson(file.value)
    : file.format === 'yaml' ? yaml.stringify(file.value)
      : String(file.value);
  const target = join(directory, file.path);
  const parent = dirname(target);
  if (!made.has(parent)) {
    mkdirSync(parent, { recursive: true });
    made.add(parent);
  }
  writeFileSync(target, content);
  return { path: file.path, bytes: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex') };
}
