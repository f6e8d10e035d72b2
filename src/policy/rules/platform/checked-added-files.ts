import { PlatformRule } from '../../rule';

export const checkedAddedFiles: PlatformRule = {
  id: 'PAVED-PLT-FILE-001',
  pack: 'platform',
  level: 'error',
  target: 'platform',
  title: 'Every file added with addFile, and every kustomization and local Helm chart among them, is something paved can check.',
  rationale: 'An added file that Argo CD, kustomize, Terraform or Helm reads but the guardrails cannot (unparseable YAML, a Terraform file, a kustomization that renames, relabels, generates or pulls remote resources, a local chart\'s values, helpers, template directives or dependencies) would deploy what no rule saw.',
  fix: 'Declare the objects with constructs (or change them with escape hatches, which are checked); in an added kustomization use only resources paved writes, images, and patches that target objects by kind and name; in a stack\'s local Helm chart only a Chart.yaml and plain templates whose objects name their namespace.',
  check: ({ uncheckable }) => uncheckable.map(({ location, ownership, environment, message }) => ({
    subject: { service: ownership?.service ?? 'platform', team: ownership?.team ?? 'platform', environment: environment?.name, location },
    message,
  })),
};
