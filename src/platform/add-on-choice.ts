/**
 * What the platform team chose for a cluster add-on: paved's chart and values (`default`), paved's
 * add-on with another chart version or values (`changed`), or a chart of its own (`own`).
 */
export type AddOnChoice = 'default' | 'changed' | 'own';

/**
 * The annotation of an add-on's Application that records the choice, as JSON
 * `{"choice":"changed","changed":["version","values"]}`, so that the report reads it from the
 * rendered Application.
 */
export const ADD_ON_CHOICE_ANNOTATION = 'paved.dev/add-on-choice';

/**
 * The annotation of the platform's AppProject that lists, as JSON, the add-ons paved offers that
 * an environment does not install, each with why: `{"cert-manager":"opt-in"}` (off unless turned
 * on) or `{"metrics-server":"turned-off"}` (turned off by the platform team).
 */
export const ADD_ONS_OFF_ANNOTATION = 'paved.dev/add-ons-off';

/** What the `paved.dev/add-on-choice` annotation holds. */
export interface AddOnChoiceRecord {
  /** The choice. */
  readonly choice: AddOnChoice;
  /**
   * What differs from paved's default, for `changed`: `version`, `values`.
   * @default - nothing
   */
  readonly changed?: readonly ('version' | 'values')[];
}

/** Why an add-on paved offers is not installed: opt-in and not turned on, or turned off. */
export type AddOnOffReason = 'opt-in' | 'turned-off';
