import { CATEGORIES, type CategoryOrUnknown } from '@/lib/category';
import { PHASES } from '@/lib/findings';
import type { TimelineFilter } from '@/lib/report/timeline';

const CATS: CategoryOrUnknown[] = [...CATEGORIES, 'unknown'];

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export interface TimelineFiltersProps {
  filter: TimelineFilter;
  vendors: { id: string; name: string }[];
  onChange: (filter: TimelineFilter) => void;
}

/** Category, phase and vendor filters plus a text search; all native controls, so keyboard works. */
export function TimelineFilters({ filter, vendors, onChange }: TimelineFiltersProps) {
  return (
    <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Timeline filters">
      <input
        type="search"
        id="search"
        placeholder="Search host, cookie, URL, vendor"
        value={filter.text}
        onInput={(e) => onChange({ ...filter, text: (e.target as HTMLInputElement).value })}
      />
      <select
        id="vendor-filter"
        aria-label="Vendor"
        value={filter.vendorId}
        onChange={(e) => onChange({ ...filter, vendorId: (e.target as HTMLSelectElement).value })}
      >
        <option value="">All vendors</option>
        {vendors.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>Phase</legend>
        {PHASES.map((p) => (
          <label key={p} class={`chip b-${p}`}>
            <input
              type="checkbox"
              checked={filter.phases.includes(p)}
              onChange={() => onChange({ ...filter, phases: toggle(filter.phases, p) })}
            />
            {p.replace('-', ' ')}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Category</legend>
        {CATS.map((c) => (
          <label key={c} class="chip">
            <input
              type="checkbox"
              checked={filter.categories.includes(c)}
              onChange={() => onChange({ ...filter, categories: toggle(filter.categories, c) })}
            />
            {c}
          </label>
        ))}
      </fieldset>
    </form>
  );
}
