import type { ConversionWarning } from '../../canonical/conversion-warning.ts';

/** Adds a warning unless one with the same type and feature is already listed: one line per feature, not per item. */
export function addOpenAIResponsesWarning(warnings: ConversionWarning[], warning: ConversionWarning): void {
  if (!warnings.some((existing) => existing.type === warning.type && existing.feature === warning.feature)) warnings.push(warning);
}
