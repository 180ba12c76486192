/**
 * A cookie name that says opt-out or consent ("optimizelyOptOut", "ToptOut", "ablyft_tracking_consent",
 * "hu-consent"): the record of a visitor's choice by its look. Shared by the Open Cookie Database purpose rule and
 * the matcher's prefix claims.
 */
export const CHOICE_NAME = /opt[-_]?out|opt_in_out|consent/i;
