/** Number formats of the results tables; a dash for a figure that was not measured. */
export const dash = '—';

export function formatInteger(value: number | undefined): string {
  return value === undefined ? dash : Math.round(value).toLocaleString('en-US');
}

export function formatMs(microseconds: number | undefined): string {
  return microseconds === undefined ? dash : (microseconds / 1000).toFixed(3);
}

export function formatMb(bytes: number | undefined): string {
  return bytes === undefined ? dash : (bytes / 1024 / 1024).toFixed(0);
}

export function formatRatio(ratio: number | undefined): string {
  return ratio === undefined ? dash : `${ratio.toFixed(2)} ×`;
}
