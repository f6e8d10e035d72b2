/** A file added to the synth output with `Platform.addFile`. */
export interface AddedFile {
  /** Path relative to the output directory, with `/` separators. */
  readonly path: string;
  /** The file's text, written as it is. */
  readonly content: string;
}
