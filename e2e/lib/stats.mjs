// Small statistics for the benchmarks and timing checks.

/** The middle value; the upper of the two middle ones for an even count. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
