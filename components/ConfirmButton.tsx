import { useState } from 'preact/hooks';

export interface ConfirmButtonProps {
  label: string;
  /** The question shown before acting, e.g. "Delete 3 visits of shop.example?". */
  question: string;
  onConfirm: () => void;
  id?: string;
}

/** A destructive action that asks first, inline (no window.confirm, so it is keyboard- and test-friendly). */
export function ConfirmButton({ label, question, onConfirm, id }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class="btn danger" id={id} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span class="confirm row" role="alertdialog" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        class="btn danger confirm-yes"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Delete
      </button>
      <button type="button" class="btn" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
