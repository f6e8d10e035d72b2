import { Rule } from '../rule';
import { argoCdTeamScoping } from '../rules/platform/argo-cd-team-scoping';
import { checkedAddedFiles } from '../rules/platform/checked-added-files';
import { ownershipLabels } from '../rules/platform/ownership-labels';
import { ownershipTags } from '../rules/platform/ownership-tags';
import { servicesInCatalog } from '../rules/platform/services-in-catalog';
import { validNames } from '../rules/platform/valid-names';

/** Guardrails over the platform as a whole: ownership, names, catalog, Argo CD scoping. */
export const PLATFORM_PACK: readonly Rule[] = [
  ownershipTags,
  ownershipLabels,
  validNames,
  servicesInCatalog,
  argoCdTeamScoping,
  checkedAddedFiles,
];
