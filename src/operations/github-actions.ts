// The workflow helpers live in the model now, so that golden paths (which may not import
// operations) and the platform pipeline share them.
export * from '../platform/github-actions';
