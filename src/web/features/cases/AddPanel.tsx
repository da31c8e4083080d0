import type { ReactNode } from 'react';
import { Details } from '@digdir/designsystemet-react';

/**
 * An add or edit form that opens on demand: a disclosure whose summary names the form (the form is
 * labelled by it, `labelId`), so the case page shows its content first and one form at a time.
 */
export function AddPanel({ labelId, label, defaultOpen = false, children }: { labelId: string; label: string; defaultOpen?: boolean; children: ReactNode }) {
  return (
    // In a div: a Details directly in a Card makes Designsystemet drop the card's padding.
    <div>
      <Details className="case-add" defaultOpen={defaultOpen}>
        <Details.Summary id={labelId}>{label}</Details.Summary>
        <Details.Content>{children}</Details.Content>
      </Details>
    </div>
  );
}
