import { useRef } from 'react';

/**
 * Focus for after a dialog or a write: the element with this id, once React has rendered the change.
 * The opener of a dialog is often gone by then (a withdrawn consent has no "Återkalla" button), so the
 * target is named by id and looked up late; without this, focus falls back to <body>.
 */
export function focusLater(id: string): void {
  let frames = 0;
  const attempt = () => {
    const target = document.getElementById(id);
    target?.focus();
    // The refetched case may still be rendering, or the target's tab panel still hidden: try for a few
    // frames, then give up quietly.
    if (document.activeElement !== target && frames++ < 10) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** The h2 of a case section (SectionCard gives it tabindex -1): where focus goes after its content changed. */
export const sectionHeadingId = (sectionId: string) => `${sectionId}-heading`;

/**
 * A modal confirmation dialog that leaves focus somewhere sensible: cancelled (Avbryt, Esc), back on the
 * button that opened it; done, on what changed (`finish(id)`), since the opener may no longer exist.
 */
export function useConfirmDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const finished = useRef(false);
  return {
    ref,
    open: () => {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      finished.current = false;
      ref.current?.showModal();
    },
    finish: (focusId: string) => {
      finished.current = true;
      ref.current?.close();
      focusLater(focusId);
    },
    onClose: () => {
      if (!finished.current && opener.current?.isConnected) opener.current.focus();
    },
  };
}
