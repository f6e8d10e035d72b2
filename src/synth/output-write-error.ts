/**
 * Writing the synth output failed for a reason outside the declaration: the disk is full, a
 * permission is missing, the writer thread stopped answering. It is thrown before the staged output
 * replaces the previous one, so the previous output stays as it was; the message says what failed.
 */
export class OutputWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputWriteError';
  }
}
