import { useEffect, useRef, useState } from 'preact/hooks';
import { CATEGORIES, type CategoryOrUnknown } from '@/lib/category';
import { PHASES, phaseLabel } from '@/lib/findings';
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

/**
 * The search box echoes each keystroke at once and hands the text to the (heavier) filtering on the next task:
 * keystrokes typed while a filter runs coalesce into one run with the latest text instead of queueing.
 */
function useSearchText(filter: TimelineFilter, onChange: (filter: TimelineFilter) => void) {
  const [text, setText] = useState(filter.text);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; text: string } | null>(null);
  const latest = useRef({ filter, onChange });
  latest.current = { filter, onChange };
  // A filter changed from outside (a reset) shows in the box, unless the user is typing ahead of it.
  useEffect(() => {
    if (!pending.current) setText(filter.text);
  }, [filter.text]);
  useEffect(() => () => clearTimeout(pending.current?.timer), []);
  const onInput = (value: string) => {
    setText(value);
    if (pending.current) {
      pending.current.text = value;
      return;
    }
    pending.current = {
      text: value,
      timer: setTimeout(() => {
        const { text: next } = pending.current!;
        pending.current = null;
        const { filter: current, onChange: emit } = latest.current;
        if (next !== current.text) emit({ ...current, text: next });
      }, 0),
    };
  };
  return [text, onInput] as const;
}

/** Category, phase and vendor filters plus a text search; all native controls, so keyboard works. */
export function TimelineFilters({ filter, vendors, onChange }: TimelineFiltersProps) {
  const [text, onText] = useSearchText(filter, onChange);
  return (
    <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Timeline filters">
      <input
        type="search"
        id="search"
        placeholder="Search host, cookie, URL, vendor"
        value={text}
        onInput={(e) => onText((e.target as HTMLInputElement).value)}
      />
      <select
        id="vendor-filter"
        aria-label="Vendor"
        value={filter.vendorId}
        onChange={(e) => onChange({ ...filter, text, vendorId: (e.target as HTMLSelectElement).value })}
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
              onChange={() => onChange({ ...filter, text, phases: toggle(filter.phases, p) })}
            />
            {phaseLabel(p)}
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
              onChange={() => onChange({ ...filter, text, categories: toggle(filter.categories, c) })}
            />
            {c}
          </label>
        ))}
      </fieldset>
    </form>
  );
}
