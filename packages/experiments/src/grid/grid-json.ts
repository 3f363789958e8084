import type { Grid } from './cell';

/** The committed JSON form of a grid (what the Nx plugin reads): stable key order, 2-space indent. */
export function gridJson(grid: Grid): string {
  return `${JSON.stringify(grid, (_, v: unknown) => (v === undefined ? undefined : v), 2)}\n`;
}
