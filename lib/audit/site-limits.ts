/** How many pages besides the start page a site audit takes: its own module so the popup loads no domain code. */
export const DEFAULT_SITE_PAGES = 5;
export const MAX_SITE_PAGES = 20;
