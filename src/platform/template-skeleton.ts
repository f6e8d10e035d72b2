/**
 * The directory, relative to the catalog's, where paved writes the skeleton of the scaffolder
 * Template named `template`, and which the Template's `fetch:template` step reads as
 * `./skeletons/<template>`. The guardrails accept the files there (which no Backstage processor,
 * Argo CD or Terraform reads) only for a Template that fetches them (`PAVED-PLT-FILE-001`).
 */
export function templateSkeletonDirectory(template: string): string {
  return `skeletons/${template}`;
}
