import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';

/**
 * Stops cdktf from recording where each token was created.
 *
 * cdktf 0.21.0 (pinned) calls `captureStackTrace` from `cdktf/lib/tokens/private/stack-trace`
 * for every token it creates (every attribute reference of every resource), with an unlimited
 * stack depth, and formats the whole trace; it only ever shows it in the message of a token that
 * fails to resolve. On a platform of hundreds of services that is seconds of a synth, so the
 * platform replaces it, once, with a function that records nothing: such a message then lacks
 * the creation stack, and says the rest. A cdktf upgrade must keep this module's export, which
 * the test of this function checks.
 */
export function skipTokenStackTraces(): void {
  const traces = stackTrace as { captureStackTrace: (below?: unknown) => string[] };
  if (typeof traces.captureStackTrace !== 'function') {
    throw new Error('cdktf/lib/tokens/private/stack-trace no longer exports captureStackTrace: update skipTokenStackTraces for this cdktf version.');
  }
  traces.captureStackTrace = noStackTrace;
}

function noStackTrace(): string[] {
  return [];
}
