/** One file of the synth output, held in memory until the whole output is ready. */
export interface OutputFile {
  /** Path relative to the output directory, with `/` separators. */
  readonly path: string;
  readonly content: string;
}
