/**
 * Consent cookie values in each tool's real, documented format (as browsers send them, URL-encoding kept).
 * IDs, stamps and dates are sample values; structure and field names are the tools' own.
 * TC strings were encoded with @iabtcf/core's SegmentEncoder (core segment, TCF v2.2 policy 4).
 */

/** OneTrust before any interaction: the banner is up, groups hold the site's defaults. */
export const OPTANON_FIRST_VISIT =
  'isGpcEnabled=0&datestamp=Tue+Nov+25+2025+10%3A15%3A01+GMT%2B0100+(Central+European+Standard+Time)&version=202409.1.0&browserGpcFlag=0&isIABGlobal=false&hosts=&landingPath=https%3A%2F%2Fshop.example%2F&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A0%2CC0004%3A0';

/** OneTrust after "Accept all cookies". */
export const OPTANON_ACCEPT_ALL =
  'isGpcEnabled=0&datestamp=Tue+Nov+25+2025+10%3A15%3A09+GMT%2B0100+(Central+European+Standard+Time)&version=202409.1.0&browserGpcFlag=0&isIABGlobal=false&hosts=&consentId=5f1c3a52-8a2e-4b0a-9f4e-2d6c0b7e1a44&interactionCount=1&isAnonUser=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A1%2CC0004%3A1%2CC0005%3A1&AwaitingReconsent=false&geolocation=DE%3BBE';

/** OneTrust after "Reject all". */
export const OPTANON_REJECT_ALL =
  'isGpcEnabled=0&datestamp=Tue+Nov+25+2025+10%3A16%3A40+GMT%2B0100+(Central+European+Standard+Time)&version=202409.1.0&browserGpcFlag=0&isIABGlobal=false&hosts=&consentId=5f1c3a52-8a2e-4b0a-9f4e-2d6c0b7e1a44&interactionCount=1&isAnonUser=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A0%2CC0004%3A0%2CC0005%3A0&AwaitingReconsent=false&geolocation=DE%3BBE';

/** OneTrust custom: performance and functional on, targeting and social off, GPC honoured. */
export const OPTANON_CUSTOM =
  'isGpcEnabled=1&datestamp=Tue+Nov+25+2025+10%3A17%3A12+GMT%2B0100+(Central+European+Standard+Time)&version=202409.1.0&browserGpcFlag=1&isIABGlobal=false&hosts=&consentId=5f1c3a52-8a2e-4b0a-9f4e-2d6c0b7e1a44&interactionCount=2&isAnonUser=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A1%2CC0004%3A0%2CC0005%3A0&AwaitingReconsent=false';

export const OPTANON_ALERT_BOX_CLOSED = '2025-11-25T09:15:09.433Z';

export const COOKIEBOT_ACCEPT_ALL =
  '{stamp:%27dGhpc2lzYXN0YW1wZm9ydGVzdGluZ29ubHk9PQ==%27%2Cnecessary:true%2Cpreferences:true%2Cstatistics:true%2Cmarketing:true%2Cmethod:%27explicit%27%2Cver:1%2Cutc:1764062109433%2Cregion:%27de%27}';
export const COOKIEBOT_REJECT_ALL =
  '{stamp:%27dGhpc2lzYXN0YW1wZm9ydGVzdGluZ29ubHk9PQ==%27%2Cnecessary:true%2Cpreferences:false%2Cstatistics:false%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:1%2Cutc:1764062200871%2Cregion:%27de%27}';
export const COOKIEBOT_STATISTICS_ONLY =
  '{stamp:%27dGhpc2lzYXN0YW1wZm9ydGVzdGluZ29ubHk9PQ==%27%2Cnecessary:true%2Cpreferences:false%2Cstatistics:true%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:2%2Cutc:1764062311002%2Cregion:%27fr%27}';

/** TCF v2.2, CMP 7, all 11 purposes, special features 1–2, 23 vendors. */
export const TC_ACCEPT_ALL =
  'CQbdoPcQbdoPcAHACBENBKEsAP_gAAAAAAYgGMwDoAAgAEAAQAAwACIAFAAgABWAC4AMgAcABAADIAGgARAF5gMZAAAAAAAA';
/** TCF v2.2, nothing consented. */
export const TC_REJECT_ALL = 'CQbdoaEQbdoaEAHACBENBKEgAAAAAAAAAAYgAAAAAAAA';
/** TCF v2.2, purposes 1, 8, 9, 10 and vendor 755 only. */
export const TC_MEASUREMENT_ONLY = 'CQbdooIQbdooIAHACBENBKEgAIHAAAAAAAYgF5wAQF5gAAAA';

/** GPP with one section (2, tcfeuv2) holding TC_ACCEPT_ALL. */
export const GPP_TCF = `DBABMA~${TC_ACCEPT_ALL}`;
/** GPP header of the IAB example "DBACNY": sections 2 (tcfeuv2) and 6 (uspv1). */
export const GPP_TCF_AND_USP = `DBACNY~${TC_REJECT_ALL}~1YNN`;
/** GPP with only the US-privacy section (id 6). */
export const GPP_USP_ONLY = 'DBABTA~1YNN';

export const COOKIEYES_ACCEPT_ALL =
  'consentid:VnhOa2FSMkdSRTBJdnNPT1FZd2REY2FtNTM1UGNyUlI,consent:yes,action:yes,necessary:yes,functional:yes,analytics:yes,performance:yes,advertisement:yes,other:yes';
export const COOKIEYES_REJECT_ALL =
  'consentid:dDVsVFdQZW5vYTV2TXBLYzhXQ3R3QU10cHYyeXNGTWk,consent:no,action:yes,necessary:yes,functional:no,analytics:no,performance:no,advertisement:no,other:no';
export const COOKIEYES_NO_ACTION =
  'consentid:QkNxNGVDa2hMT1pXaUhLZVo4c2tGV0NEWTNhYVRFelM,consent:no,action:,necessary:yes,functional:no,analytics:no,performance:no,advertisement:no,other:no';
export const DIDOMI_ACCEPT_ALL =
  'eyJ1c2VyX2lkIjoiMTlhOGYzYzItNmIxZC02ZTRhLWEwZDUtM2YwYjFjMmQ0ZTVmIiwiY3JlYXRlZCI6IjIwMjUtMTEtMjVUMDk6MTU6MDIuMTIzWiIsInVwZGF0ZWQiOiIyMDI1LTExLTI1VDA5OjE1OjA5LjQ1NloiLCJ2ZW5kb3JzIjp7ImVuYWJsZWQiOlsiZ29vZ2xlIiwiYzpob3RqYXIiLCJjOmxpbmtlZGluLW1hcmtldGluZy1zb2x1dGlvbnMiXSwiZGlzYWJsZWQiOltdfSwicHVycG9zZXMiOnsiZW5hYmxlZCI6WyJjb29raWVzIiwic2VsZWN0X2Jhc2ljX2FkcyIsImNyZWF0ZV9hZHNfcHJvZmlsZSIsInNlbGVjdF9wZXJzb25hbGl6ZWRfYWRzIiwiY3JlYXRlX2NvbnRlbnRfcHJvZmlsZSIsInNlbGVjdF9wZXJzb25hbGl6ZWRfY29udGVudCIsIm1lYXN1cmVfYWRfcGVyZm9ybWFuY2UiLCJtZWFzdXJlX2NvbnRlbnRfcGVyZm9ybWFuY2UiLCJtYXJrZXRfcmVzZWFyY2giLCJpbXByb3ZlX3Byb2R1Y3RzIiwidXNlX2xpbWl0ZWRfZGF0YV90b19zZWxlY3RfY29udGVudCJdLCJkaXNhYmxlZCI6W119LCJ2ZW5kb3JzX2xpIjp7ImVuYWJsZWQiOlsiZ29vZ2xlIl0sImRpc2FibGVkIjpbXX0sInZlcnNpb24iOjIsImFjIjoiQUFBQS5BQUFBIn0=';
export const DIDOMI_REJECT_ALL =
  'eyJ1c2VyX2lkIjoiMTlhOGYzYzItNmIxZC02ZTRhLWEwZDUtM2YwYjFjMmQ0ZTVmIiwiY3JlYXRlZCI6IjIwMjUtMTEtMjVUMDk6MTU6MDIuMTIzWiIsInVwZGF0ZWQiOiIyMDI1LTExLTI1VDA5OjE2OjQwLjAwMVoiLCJ2ZW5kb3JzIjp7ImVuYWJsZWQiOltdLCJkaXNhYmxlZCI6WyJnb29nbGUiLCJjOmhvdGphciIsImM6bGlua2VkaW4tbWFya2V0aW5nLXNvbHV0aW9ucyJdfSwicHVycG9zZXMiOnsiZW5hYmxlZCI6W10sImRpc2FibGVkIjpbImNvb2tpZXMiLCJzZWxlY3RfYmFzaWNfYWRzIiwiY3JlYXRlX2Fkc19wcm9maWxlIiwic2VsZWN0X3BlcnNvbmFsaXplZF9hZHMiLCJjcmVhdGVfY29udGVudF9wcm9maWxlIiwic2VsZWN0X3BlcnNvbmFsaXplZF9jb250ZW50IiwibWVhc3VyZV9hZF9wZXJmb3JtYW5jZSIsIm1lYXN1cmVfY29udGVudF9wZXJmb3JtYW5jZSIsIm1hcmtldF9yZXNlYXJjaCIsImltcHJvdmVfcHJvZHVjdHMiLCJ1c2VfbGltaXRlZF9kYXRhX3RvX3NlbGVjdF9jb250ZW50Il19LCJ2ZW5kb3JzX2xpIjp7ImVuYWJsZWQiOlsiZ29vZ2xlIl0sImRpc2FibGVkIjpbXX0sInZlcnNpb24iOjIsImFjIjoiQUFBQS5BQUFBIn0=';
export const DIDOMI_CUSTOM =
  'eyJ1c2VyX2lkIjoiMTlhOGYzYzItNmIxZC02ZTRhLWEwZDUtM2YwYjFjMmQ0ZTVmIiwiY3JlYXRlZCI6IjIwMjUtMTEtMjVUMDk6MTU6MDIuMTIzWiIsInVwZGF0ZWQiOiIyMDI1LTExLTI1VDA5OjE3OjEyLjc3N1oiLCJ2ZW5kb3JzIjp7ImVuYWJsZWQiOlsiZ29vZ2xlIiwiYzpob3RqYXIiLCJjOmxpbmtlZGluLW1hcmtldGluZy1zb2x1dGlvbnMiXSwiZGlzYWJsZWQiOltdfSwicHVycG9zZXMiOnsiZW5hYmxlZCI6WyJjb29raWVzIiwibWVhc3VyZV9jb250ZW50X3BlcmZvcm1hbmNlIiwiYW5hbHl0aWNzLUhwQkpycks3Il0sImRpc2FibGVkIjpbInNlbGVjdF9iYXNpY19hZHMiLCJjcmVhdGVfYWRzX3Byb2ZpbGUiLCJzZWxlY3RfcGVyc29uYWxpemVkX2FkcyJdfSwidmVuZG9yc19saSI6eyJlbmFibGVkIjpbImdvb2dsZSJdLCJkaXNhYmxlZCI6W119LCJ2ZXJzaW9uIjoyLCJhYyI6IkFBQUEuQUFBQSJ9';
