import { Button, Spinner } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';

/** The form's primary action. Busy while submitting, but never disabled: disabled buttons lose focus. */
export function SubmitButton({ children, variant = 'primary' }: { children: ReactNode; variant?: 'primary' | 'secondary' }) {
  const { formState } = useFormContext();
  return (
    <Button type="submit" variant={variant} aria-busy={formState.isSubmitting || undefined}>
      {formState.isSubmitting && <Spinner aria-hidden="true" data-size="sm" />}
      {children}
    </Button>
  );
}
