import { createContext } from 'preact';
import type { VendorRow } from '@/lib/report/vendor-row';

/**
 * Where an opened row of a summary gets its details (the vendor's record, cookies, hosts): the popup and the report
 * while reading ask the background for that one row. Null where rows always carry their details.
 */
export type LoadRowDetails = (key: string) => Promise<VendorRow | null>;

export const RowDetails = createContext<LoadRowDetails | null>(null);
