/** The verdict types and the tool-name rule, for components; the verdict itself is derived in lib/evidence. */
export type { CategoryCount, Verdict } from '../evidence/derive';
export { toolDisplayName as toolName } from '../consent/tools';
