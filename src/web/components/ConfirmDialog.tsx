import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button, Dialog, Heading } from '@digdir/designsystemet-react';

export interface ConfirmDialogProps {
  open: boolean;
  /** The question, naming what and whom: "Stäng av Anna Andersson?". */
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Red confirm button for what cannot simply be undone. */
  danger?: boolean;
  pending?: boolean;
  /** The failure of the last try, shown in the dialog (announced by its own role="alert"). */
  error?: ReactNode;
  onConfirm: () => void;
  /** Cancel button, close button and Escape. */
  onCancel: () => void;
  /**
   * Where focus goes once the dialog has closed: the button that opened it, or (after the action made
   * that button go away) the message saying what was done. Never left on <body>.
   */
  focusAfterClose: () => HTMLElement | null | undefined;
}

/**
 * A consequential action asks first: a modal dialog that says what will happen and has a confirm and
 * a cancel button. Cancel is the first focus, so Enter on an opened dialog never confirms by accident.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  danger = true,
  pending = false,
  error,
  onConfirm,
  onCancel,
  focusAfterClose,
}: ConfirmDialogProps) {
  const headingId = useId();
  const wasOpen = useRef(open);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open && !wasOpen.current) requestAnimationFrame(() => cancelRef.current?.focus());
    if (!open && wasOpen.current) {
      // After React has applied what the action changed (the opener may be gone), place focus.
      requestAnimationFrame(() => {
        const target = focusAfterClose();
        if (target?.isConnected) target.focus();
      });
    }
    wasOpen.current = open;
  }, [open, focusAfterClose]);
  return (
    <Dialog open={open} onClose={onCancel} closeButton={false} aria-labelledby={headingId} className="confirm-dialog">
      <div className="stack">
        <Heading level={2} data-size="xs" id={headingId}>
          {title}
        </Heading>
        {children}
        {error}
        <div className="button-list">
          <Button type="button" data-color={danger ? 'danger' : undefined} aria-busy={pending || undefined} onClick={() => !pending && onConfirm()}>
            {confirmLabel}
          </Button>
          <Button ref={cancelRef} type="button" variant="secondary" onClick={onCancel}>
            {cancelLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
