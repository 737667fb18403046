/**
 * Which way an indicator is good: higher-is-better 正向 (more households reached) or
 * lower-is-better 反向 (lower unit cost).
 */
export type Direction = 'higher-is-better' | 'lower-is-better';
